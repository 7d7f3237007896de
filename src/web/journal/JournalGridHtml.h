#pragma once

#include <map>
#include <set>
#include <string>

#include "flows/journal/ClassJournal.h"

namespace netcity::web::journal {

// The class journal's grid as it is shown: the cells of every student and lesson, and below
// them each lesson's assignments. What the teacher typed (after a refused save) is shown
// instead of what is stored, and the cells named in `wrong` are marked.
struct GridView {
    const flows::journal::ClassJournal::Grid& grid;
    const std::map<std::string, std::string>& typed;
    const std::set<std::string>& wrong;
    bool writes;  // some column: the form's save buttons and hints
};

// The table's rows (<tr> per student: the name, a <td> per lesson, the term's average when the
// grid has it). A column the keeper writes gets an input per assignment
// (m-<student>-<assignment>), one for a new assignment of the lesson (m-<student>-n<lesson>)
// and the absence (a-<student>-<lesson>), each showing a stored value with a hidden twin
// o-<name>, so that the save knows what the form showed; another column gets text.
void appendGridRows(const GridView& view, std::string& out);
// A <fieldset> per lesson with its assignments' type, text, weight and due date (fields
// y-/t-/w-/d-<assignment> with their o- twins, and -n<lesson> for a new one); a column the
// keeper does not write gets them as text, and only when it has any.
void appendHomework(const GridView& view, std::string& out);
// About how many bytes both write: what to reserve for the page.
std::size_t gridHtmlSize(const GridView& view);

}  // namespace netcity::web::journal
