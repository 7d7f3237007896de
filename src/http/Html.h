#pragma once

#include <string>
#include <string_view>

namespace netcity::http {

// HTML written from C++ where a template would cost too much: the class journal's grid has a
// few thousand inputs, and building a Mustache data tree for each of them (kainjow copies every
// list and object it is given) cost more than everything else of the request. Text and
// attribute values go through appendEscaped, which escapes exactly what Mustache's {{x}} does
// (& < > " '), so a value is as safe here as in a template.
void appendEscaped(std::string& out, std::string_view text);

// Appends raw markup and escaped values in turn: html.raw("<td title=\"").text(title).raw("\">").
class HtmlWriter {
  public:
    explicit HtmlWriter(std::string& out) : out_(out) {}
    HtmlWriter& raw(std::string_view markup) {
        out_.append(markup);
        return *this;
    }
    HtmlWriter& text(std::string_view value) {
        appendEscaped(out_, value);
        return *this;
    }
    HtmlWriter& number(long long value);
    HtmlWriter& rawIf(bool condition, std::string_view markup) {
        if (condition) out_.append(markup);
        return *this;
    }

  private:
    std::string& out_;
};

}  // namespace netcity::http
