#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace netcity::flows {

// RFC 4180: fields separated by commas, optionally quoted, "" inside quotes, CRLF or LF.
struct CsvRow {
    int line = 0;  // the line the row starts on, 1-based, for error messages
    std::vector<std::string> fields;
};

enum class CsvProblem { None, TextAfterClosingQuote, UnclosedQuote };

struct CsvParseResult {
    std::vector<CsvRow> rows;
    CsvProblem problem = CsvProblem::None;  // not None: the text is not valid CSV
    int problemLine = 0;
};

CsvParseResult parseCsv(std::string_view text);

}  // namespace netcity::flows
