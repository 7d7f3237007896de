#include "flows/CsvReader.h"

namespace netcity::flows {

CsvParseResult parseCsv(std::string_view text) {
    CsvParseResult result;
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // a BOM from Excel
    CsvRow row;
    std::string field;
    bool quoted = false, fieldStarted = false, afterQuote = false;
    int line = 1;
    row.line = 1;
    auto endField = [&] {
        row.fields.push_back(std::move(field));
        field.clear();
        fieldStarted = afterQuote = false;
    };
    auto endRow = [&] {
        endField();
        bool blank = row.fields.size() == 1 && row.fields[0].empty();
        if (!blank) result.rows.push_back(std::move(row));
        row = CsvRow{};
        row.line = line;
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (quoted) {
            if (c == '"') {
                if (i + 1 < text.size() && text[i + 1] == '"') {
                    field.push_back('"');
                    ++i;
                } else {
                    quoted = false;
                    afterQuote = true;
                }
            } else {
                if (c == '\n') ++line;
                field.push_back(c);
            }
            continue;
        }
        if (c == ',') {
            endField();
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            ++line;
            endRow();
        } else if (c == '"' && !fieldStarted) {
            quoted = fieldStarted = true;
        } else if (afterQuote) {
            result.problem = CsvProblem::TextAfterClosingQuote;
            result.problemLine = line;
            return result;
        } else {
            fieldStarted = true;
            field.push_back(c);
        }
    }
    if (quoted) {
        result.problem = CsvProblem::UnclosedQuote;
        result.problemLine = row.line;
        return result;
    }
    if (fieldStarted || !row.fields.empty()) endRow();
    return result;
}

}  // namespace netcity::flows
