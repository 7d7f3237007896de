#include "web/webapi/WebApiHttp.h"

#include <cctype>

#include "log/JsonEscape.h"

namespace netcity::web::webapi {

using http::HttpError;

std::string quoted(const std::string& text) {
    return "\"" + log::jsonEscape(text) + "\"";
}

std::string asciiLower(std::string text) {
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

std::map<std::string, std::string> lowerCaseNames(const std::map<std::string, std::string>& in) {
    std::map<std::string, std::string> out;
    for (const auto& [name, value] : in)
        if (!out.emplace(asciiLower(name), value).second)
            throw HttpError{400, "Поле «" + name + "» передано дважды."};
    return out;
}

void discardBody(http::HttpExchange& ex) {
    auto& request = ex.request();
    if (!request.hasContentLength() || request.getContentLength64() == 0) return;
    if (request.getContentLength64() > 16 * 1024)
        throw HttpError{413, "Слишком большой объём данных в запросе."};
    request.stream().ignore(static_cast<std::streamsize>(request.getContentLength64()));
}

flows::Sessions::Active requireAt(flows::webapi::WebApiSignIn& signIn, http::HttpExchange& ex) {
    auto active = signIn.resolve(ex.header("at"));
    if (!active) throw HttpError{401, "Сеанс завершён. Войдите снова."};
    return *active;
}

}  // namespace netcity::web::webapi
