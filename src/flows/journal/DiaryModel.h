#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/CalendarDate.h"
#include "domain/PersonName.h"
#include "domain/journal/BellSchedule.h"
#include "domain/journal/MarkScale.h"
#include "domain/journal/SchoolCalendar.h"

// What a student's diary shows, as data: the diary pages render it, the SGO web API
// (student/diary, pastMandatory, announcements) serialises the same structures.
namespace netcity::flows::journal {

// A student whose diary the viewer may read: the viewer itself, or one of a parent's children.
struct DiaryStudent {
    std::int64_t accountId = 0;
    domain::PersonName name;
    std::int64_t organizationId = 0, classId = 0;
    std::string organizationName, className;
};

// The student's mark on an assignment: a number, or a duty («долг», work not handed in).
struct DiaryMark {
    std::optional<int> mark;  // nullopt with duty
    bool duty = false;
    std::string comment;
};

struct DiaryAssignment {
    std::int64_t id = 0, lessonId = 0, typeId = 0;
    std::string typeName, typeAbbr;  // the deployment's list (assignment_types)
    std::string text;
    domain::CalendarDate dueDate;
    int weight = 1;
    std::optional<DiaryMark> mark;
};

struct DiaryLesson {
    std::int64_t id = 0;  // the web API's classmeetingId
    domain::CalendarDate day;
    int number = 0;
    std::optional<domain::journal::LessonTime> startTime, endTime;  // from the bell schedule
    std::int64_t subjectId = 0;
    std::string subjectName, room, topic;
    bool cancelled = false;
    std::string absenceCode, absenceName;  // «Н» «Отсутствовал»; empty when present
    std::vector<DiaryAssignment> assignments;
};

struct DiaryDay {
    domain::CalendarDate date;
    std::vector<DiaryLesson> lessons;  // by number; a cancelled one before its replacement
};

// Monday to Saturday.
struct DiaryWeek {
    domain::CalendarDate weekStart, weekEnd;
    std::vector<DiaryDay> days;  // six, Monday first
};

struct SubjectAverage {
    std::int64_t subjectId = 0;
    std::string subjectName;
    std::optional<double> average;  // domain::journal::weightedAverage; nullopt: no marks
    int marks = 0;                  // number marks counted
};

// An assignment with the lesson it was given at: an overdue one, a new mark, today's homework.
struct DatedAssignment {
    DiaryAssignment assignment;
    std::string subjectName;
    domain::CalendarDate lessonDate;
};

struct DiaryAnnouncement {
    std::int64_t id = 0;
    std::string title, body;
    domain::PersonName author;
    std::int64_t authorId = 0;
    std::int64_t postedAt = 0;
};

}  // namespace netcity::flows::journal
