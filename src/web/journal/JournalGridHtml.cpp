// The grid's repeated parts written straight to HTML (http::HtmlWriter escapes every value as
// {{x}} does): a class of 30 and a month of lessons is some 1,500 inputs, and building a
// Mustache data tree for them — kainjow copies each list and object it is handed, so a cell
// was copied into its row, the row into the table — cost most of the request. The markup is
// what journal-grid.mustache produced for them before.
#include "web/journal/JournalGridHtml.h"

#include <vector>

#include "domain/journal/MarkAverage.h"
#include "http/Html.h"

namespace netcity::web::journal {

using flows::journal::ClassJournal;
using http::HtmlWriter;

namespace {

std::string studentName(const store::journal::ClassStudent& s) {
    return s.lastName + " " + s.firstName;
}

std::string lessonTitle(const store::journal::Lesson& l) {
    return l.date.russian().substr(0, 5) + ", " + std::to_string(l.number) + " урок";
}

std::string escaped(std::string_view text) {
    std::string out;
    http::appendEscaped(out, text);
    return out;
}

// What every row repeats of a column, worked out (and escaped) once.
struct ColumnText {
    struct Mark {
        std::int64_t assignmentId;
        std::string id;                   // "-<assignment>": the end of the cell's field name
        std::string titleHtml, abbrHtml;  // «Контрольная работа, вес 3», «К»
    };
    std::int64_t lessonId;
    std::string id;  // "-<lesson>"
    std::string lessonTitleHtml;
    std::vector<Mark> marks;
    bool writes;  // inputs, or text
};

std::vector<ColumnText> columnTexts(const ClassJournal::Grid& g) {
    std::map<std::int64_t, const store::journal::AssignmentType*> types;
    for (const auto& t : g.types) types[t.id] = &t;
    std::vector<ColumnText> out;
    out.reserve(g.columns.size());
    for (const auto& c : g.columns) {
        ColumnText col{c.lesson.id,
                       "-" + std::to_string(c.lesson.id),
                       escaped(lessonTitle(c.lesson)),
                       {},
                       c.writes};
        for (const auto& a : c.assignments) {
            const auto* type = types.at(a.typeId);
            col.marks.push_back(
                {a.id, "-" + std::to_string(a.id),
                 escaped(type->name + (a.weight != 1 ? ", вес " + std::to_string(a.weight) : "")),
                 escaped(type->abbr)});
        }
        out.push_back(std::move(col));
    }
    return out;
}

// Field names are made of letters, dashes and numbers: written as they are. What is stored or
// typed is escaped.
class Rows {
  public:
    Rows(const GridView& v, std::string& out) : v_(v), html_(out), columns_(columnTexts(v.grid)) {}

    void row(const ClassJournal::Row& r) {
        sid_ = std::to_string(r.student.accountId);
        nameHtml_ = escaped(studentName(r.student));
        html_.raw("<tr id=\"student-").raw(sid_).raw("\"><th scope=\"row\" class=\"student\">");
        html_.raw(nameHtml_).raw("</th>");
        for (const auto& col : columns_) {
            html_.raw("<td>");
            col.writes ? inputs(r, col) : texts(r, col);
            html_.raw("</td>");
        }
        if (v_.grid.averages) {
            html_.raw("<td class=\"average\" id=\"average-").raw(sid_).raw("\">");
            html_.text(domain::journal::averageText(r.average)).raw("</td>");
        }
        html_.raw("</tr>\n");
    }

  private:
    // The field's value: what was typed, else what is stored.
    std::string_view value(std::string_view stored) const {
        if (v_.typed.empty()) return stored;
        auto it = v_.typed.find(field_);
        return it == v_.typed.end() ? stored : std::string_view(it->second);
    }
    bool wrong() const { return !v_.wrong.empty() && v_.wrong.count(field_); }

    // field_ = <kind>-<student><rest>: "m-12-34", "m-12-n56", "a-12-56".
    void field(char kind, std::string_view rest) {
        field_.assign(1, kind).append("-").append(sid_).append(rest);
    }

    void markInput(std::string_view stored, std::string_view titleHtml, std::string_view abbrHtml) {
        bool invalid = wrong();
        html_.raw("<label class=\"mark").rawIf(invalid, " invalid").raw("\" title=\"");
        html_.raw(titleHtml).raw("\"><span class=\"abbr\">").raw(abbrHtml);
        html_.raw("</span><input name=\"").raw(field_).raw("\" value=\"").text(value(stored));
        html_.raw("\" size=\"2\" maxlength=\"4\" class=\"mark-input\"");
        html_.rawIf(invalid, " aria-invalid=\"true\"").raw(">");
        shownTwin(stored);
        html_.raw("</label>");
    }

    void inputs(const ClassJournal::Row& r, const ColumnText& col) {
        for (const auto& m : col.marks) {
            auto found = r.marks.find(m.assignmentId);
            field('m', m.id);
            markInput(found == r.marks.end() ? "" : cellText(found->second), m.titleHtml,
                      m.abbrHtml);
        }
        field('m', "-n");
        field_.append(col.id, 1, std::string::npos);
        markInput("", "Новое задание урока", "+");
        auto absent = r.absences.find(col.lessonId);
        std::string_view code = absent == r.absences.end() ? "" : std::string_view(absent->second);
        field('a', col.id);
        bool invalid = wrong();
        html_.raw("<input name=\"").raw(field_).raw("\" value=\"").text(value(code));
        html_.raw("\" list=\"absence-kinds\" size=\"2\" maxlength=\"2\" class=\"absence");
        html_.rawIf(invalid, " invalid").raw("\" aria-label=\"").raw(nameHtml_).raw(", ");
        html_.raw(col.lessonTitleHtml).raw(": посещаемость\"");
        html_.rawIf(invalid, " aria-invalid=\"true\"").raw(">");
        shownTwin(code);
    }

    // What the field showed, for the save to tell the keeper's changes from someone else's.
    void shownTwin(std::string_view stored) {
        if (stored.empty()) return;
        html_.raw("<input type=\"hidden\" name=\"o-").raw(field_).raw("\" value=\"").text(stored);
        html_.raw("\">");
    }

    void texts(const ClassJournal::Row& r, const ColumnText& col) {
        for (const auto& m : col.marks) {
            auto found = r.marks.find(m.assignmentId);
            if (found == r.marks.end()) continue;
            std::string stored = cellText(found->second);
            if (stored.empty()) continue;
            html_.raw("<span class=\"mark\" title=\"").raw(m.titleHtml).raw("\">").text(stored);
            html_.raw("</span>");
        }
        if (auto absent = r.absences.find(col.lessonId);
            absent != r.absences.end() && !absent->second.empty())
            html_.raw("<span class=\"absence-code\">").text(absent->second).raw("</span>");
    }

    const GridView& v_;
    HtmlWriter html_;
    std::vector<ColumnText> columns_;
    std::string sid_, nameHtml_, field_;
};

class Homework {
  public:
    Homework(const GridView& v, std::string& out) : v_(v), html_(out) {
        for (const auto& t : v.grid.types) typeNames_[t.id] = t.name;
    }

    void lesson(const ClassJournal::Column& col) {
        if (!col.writes && col.assignments.empty()) return;
        html_.raw("<fieldset class=\"journal-homework\" id=\"homework-").number(col.lesson.id);
        html_.raw("\"><legend>").text(lessonTitle(col.lesson)).raw("</legend>\n");
        for (const auto& a : col.assignments)
            item(std::to_string(a.id), &a, col.lesson, col.writes);
        if (col.writes) item("n" + std::to_string(col.lesson.id), nullptr, col.lesson, true);
        html_.raw("\n</fieldset>");
    }

  private:
    std::string value(const std::string& name, std::string stored) const {
        if (v_.typed.empty()) return stored;
        auto it = v_.typed.find(name);
        return it == v_.typed.end() ? stored : it->second;
    }

    void item(const std::string& key, const store::journal::Assignment* a,
              const store::journal::Lesson& lesson, bool writes) {
        std::string text = value("t-" + key, a ? a->text : "");
        std::string weight = value("w-" + key, a ? std::to_string(a->weight) : "1");
        bool invalid = !v_.wrong.empty() && v_.wrong.count("hw-" + key);
        html_.raw("<div class=\"homework-item").rawIf(invalid, " invalid").raw("\" id=\"hw-");
        html_.text(key).raw("\">\n");
        if (writes) {
            fields(key, a, lesson, text, weight);
        } else {
            html_.raw("\n<p><strong>").text(typeNames_.at(a->typeId)).raw("</strong>: ");
            html_.text(text).raw(" <span class=\"muted small\">(срок ");
            html_.text(a->dueDate.russian()).raw(", вес ").text(weight).raw(")</span></p>");
        }
        html_.raw("\n</div>");
    }

    void fields(const std::string& key, const store::journal::Assignment* a,
                const store::journal::Lesson& lesson, const std::string& text,
                const std::string& weight) {
        if (!a)
            html_.raw(
                "<p class=\"small muted\">Новое задание (создаётся, если введён текст или "
                "оценка в столбце «+»)</p>\n");
        std::string typeId = value("y-" + key, a ? std::to_string(a->typeId) : "");
        html_.raw("<label>Тип <select name=\"y-").text(key).raw("\">");
        for (const auto& t : v_.grid.types) {
            std::string id = std::to_string(t.id);
            html_.raw("<option value=\"").raw(id).raw("\"").rawIf(typeId == id, " selected");
            html_.raw(">").text(t.name).raw("</option>");
        }
        html_.raw("</select></label>\n<label>Задание <input name=\"t-").text(key);
        html_.raw("\" value=\"").text(text);
        html_.raw("\" maxlength=\"2000\" class=\"homework-text\"></label>\n");
        html_.raw("<label>Вес <input name=\"w-").text(key).raw("\" value=\"").text(weight);
        html_.raw("\" type=\"number\" min=\"1\" max=\"10\" class=\"homework-weight\"></label>\n");
        html_.raw("<label>Срок <input name=\"d-").text(key).raw("\" value=\"");
        html_.text(value("d-" + key, a ? a->dueDate.iso() : lesson.date.iso()));
        html_.raw("\" type=\"date\" class=\"homework-due\"></label>\n");
        if (!a) return;
        // What the fields showed, for the save to tell the keeper's changes from someone else's.
        html_.raw("<input type=\"hidden\" name=\"o-y-").text(key).raw("\" value=\"");
        html_.number(a->typeId).raw("\">");
        if (!a->text.empty()) {
            html_.raw("<input type=\"hidden\" name=\"o-t-").text(key).raw("\" value=\"");
            html_.text(a->text).raw("\">");
        }
        html_.raw("<input type=\"hidden\" name=\"o-w-").text(key).raw("\" value=\"");
        html_.number(a->weight).raw("\"><input type=\"hidden\" name=\"o-d-").text(key);
        html_.raw("\" value=\"").text(a->dueDate.iso()).raw("\">");
    }

    const GridView& v_;
    HtmlWriter html_;
    std::map<std::int64_t, std::string> typeNames_;
};

}  // namespace

void appendGridRows(const GridView& view, std::string& out) {
    Rows rows(view, out);
    for (const auto& r : view.grid.rows) rows.row(r);
}

void appendHomework(const GridView& view, std::string& out) {
    Homework homework(view, out);
    for (const auto& col : view.grid.columns) homework.lesson(col);
    out += '\n';
}

std::size_t gridHtmlSize(const GridView& view) {
    // ~800 bytes a writable cell, ~80 a read-only one; ~3,000 a lesson's assignments.
    const auto& g = view.grid;
    std::size_t cell = view.writes ? 800 : 80, lesson = view.writes ? 3000 : 300;
    return g.rows.size() * (g.columns.size() * cell + 200) + g.columns.size() * lesson;
}

}  // namespace netcity::web::journal
