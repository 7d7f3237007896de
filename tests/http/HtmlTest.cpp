// The grid's HTML written from C++ escapes as the templates do: the same text, the same output.
#include <gtest/gtest.h>

#include <kainjow/mustache.hpp>

#include "http/Html.h"

using netcity::http::appendEscaped;
using netcity::http::HtmlWriter;

namespace {

std::string escaped(std::string_view text) {
    std::string out;
    appendEscaped(out, text);
    return out;
}

std::string mustache(const std::string& text) {
    kainjow::mustache::mustache tmpl("{{x}}");
    return tmpl.render({"x", text});
}

}  // namespace

TEST(Html, EscapesWhatMustacheEscapes) {
    for (std::string text :
         {std::string("<script>alert(1)</script>"), std::string("\"><img src=x onerror=a()>"),
          std::string("O'Brien & Сыновья"), std::string("Лебедев Кирилл"), std::string("&amp;"),
          std::string(""), std::string("plain"), std::string("<<>>\"\"''&&"),
          std::string("в конце <")})
        EXPECT_EQ(escaped(text), mustache(text)) << text;
}

TEST(Html, AppendsToWhatIsThere) {
    std::string out = "<p>";
    HtmlWriter(out).text("5 < 6").raw("</p><i>").number(-42).rawIf(false, "no").rawIf(true, "</i>");
    EXPECT_EQ(out, "<p>5 &lt; 6</p><i>-42</i>");
}
