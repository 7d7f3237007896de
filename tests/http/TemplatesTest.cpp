// Pages are rendered into the layout, and HTML made outside Mustache is spliced in unescaped
// where the template names it, whatever else the page holds.
#include <gtest/gtest.h>

#include "http/Templates.h"

using netcity::http::TemplateData;
using netcity::http::Templates;

namespace {

const std::map<std::string, std::string>& files() {
    static const std::map<std::string, std::string> f = {
        {"layout.mustache", "<title>{{title}}</title>\n<main>\n{{{content}}}\n</main>\n"},
        {"page.mustache", "<h1>{{name}}</h1><table>{{{rows}}}</table><p>{{after}}</p>{{{more}}}"},
    };
    return f;
}

}  // namespace

TEST(Templates, APageIsRenderedIntoTheLayout) {
    Templates t(files());
    TemplateData d;
    d.set("name", "<b>");
    d.set("rows", "<tr>");
    d.set("after", "&");
    d.set("more", "");
    EXPECT_EQ(t.page("page", "A & B", d),
              "<title>A &amp; B</title>\n<main>\n<h1>&lt;b&gt;</h1><table><tr></table><p>&amp;</p>"
              "\n</main>\n");
}

TEST(Templates, SlotsAreSplicedInWhereTheTemplateNamesThem) {
    Templates t(files());
    TemplateData d;
    d.set("name", "Журнал");
    d.set("rows", Templates::slot("rows"));
    d.set("after", "<i>");
    d.set("more", Templates::slot("more"));
    Templates::Slots slots = {{"rows", [](std::string& out) { out += "<tr><td>5</td></tr>"; }},
                              {"more", [](std::string& out) { out += "<hr>"; }}};
    EXPECT_EQ(t.page("page", "T", d, slots),
              "<title>T</title>\n<main>\n<h1>Журнал</h1><table><tr><td>5</td></tr></table>"
              "<p>&lt;i&gt;</p><hr>\n</main>\n");
}
