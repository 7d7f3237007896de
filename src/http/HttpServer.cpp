#include "http/HttpServer.h"

#include <Poco/Net/HTTPServerParams.h>

namespace netcity::http {

Poco::Net::ServerSocket HttpServer::bind(const HttpServerSettings& s) {
    return Poco::Net::ServerSocket(Poco::Net::SocketAddress(s.bindAddress, s.port), 256);
}

HttpServer::HttpServer(Poco::Net::HTTPRequestHandlerFactory::Ptr factory,
                       const HttpServerSettings& s)
    : HttpServer(factory, bind(s), s) {}

HttpServer::HttpServer(Poco::Net::HTTPRequestHandlerFactory::Ptr factory,
                       Poco::Net::ServerSocket socket, const HttpServerSettings& s)
    : pool_("http", 4, s.maxThreads, 60) {
    port_ = socket.address().port();
    auto* params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(s.maxThreads);
    params->setMaxQueued(1024);
    params->setKeepAlive(true);
    params->setKeepAliveTimeout(Poco::Timespan(s.keepAliveSeconds, 0));
    params->setMaxKeepAliveRequests(10000);
    params->setTimeout(Poco::Timespan(10, 0));
    server_ = std::make_unique<Poco::Net::HTTPServer>(factory, pool_, socket, params);
    server_->start();
}

HttpServer::~HttpServer() {
    stop();
}

void HttpServer::stop() {
    if (server_) {
        server_->stopAll(true);
        server_.reset();
        pool_.joinAll();
    }
}

}  // namespace netcity::http
