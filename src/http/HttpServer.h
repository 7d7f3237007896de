#pragma once

#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/ThreadPool.h>

#include <memory>
#include <string>

namespace netcity::http {

// POCO serves one connection per thread: the pool is sized for keep-alive clients and idle
// connections are dropped quickly, so slow clients cannot starve the rest.
struct HttpServerSettings {
    std::string bindAddress = "127.0.0.1";
    unsigned short port = 0;  // 0: any free port
    int maxThreads = 192;
    int keepAliveSeconds = 3;
};

class HttpServer {
  public:
    // Binding before any thread starts makes "address in use" a loud startup error, and lets
    // a caller learn the port before it builds the handlers.
    static Poco::Net::ServerSocket bind(const HttpServerSettings& settings);

    HttpServer(Poco::Net::HTTPRequestHandlerFactory::Ptr factory,
               const HttpServerSettings& settings);
    HttpServer(Poco::Net::HTTPRequestHandlerFactory::Ptr factory, Poco::Net::ServerSocket socket,
               const HttpServerSettings& settings);
    ~HttpServer();
    unsigned short port() const { return port_; }
    void stop();

  private:
    Poco::ThreadPool pool_;
    std::unique_ptr<Poco::Net::HTTPServer> server_;
    unsigned short port_ = 0;
};

}  // namespace netcity::http
