#!/usr/bin/env python3
"""Writes journal import files (docs/csv-format.md, «Journal records»).

  journal-csv.py demo [--until DD.MM.YYYY] > demo/demo-journal.csv
      the 2026/2027 year of two demo schools (МБОУ "Школа № 5", Салехард; МАОУ "Гимназия № 1",
      Томск) over demo/demo-data.csv: bells, subjects, teaching, a timetable for every class,
      homework, marks and a few absences from 01.09.2026 up to --until (default 01.12.2026).

Deterministic: the same arguments write the same file.
"""
import csv
import datetime as dt
import random
import sys

COLUMNS = ("record,key,parent,name,type,last_name,first_name,middle_name,birth_date,gender,"
           "snils,email,phone,login,password,roles,class,year,terms,start,end,date,number,"
           "weekday,subject,room,text,due_date,weight,mark").split(",")
YEAR = "2026/2027"
TERMS = [(dt.date(2026, 9, 1), dt.date(2026, 10, 25)), (dt.date(2026, 11, 5), dt.date(2026, 12, 28)),
         (dt.date(2027, 1, 9), dt.date(2027, 3, 21)), (dt.date(2027, 3, 30), dt.date(2027, 5, 26))]
BELLS = [("08:30", "09:15"), ("09:25", "10:10"), ("10:25", "11:10"), ("11:25", "12:10"),
         ("12:20", "13:05"), ("13:15", "14:00"), ("14:10", "14:55")]
SUBJECTS = {
    "primary": ["Русский язык", "Литературное чтение", "Математика", "Окружающий мир",
                "Изобразительное искусство", "Физическая культура"],
    "middle": ["Русский язык", "Литература", "Математика", "Английский язык", "История",
               "Биология", "География", "Физическая культура"],
    "senior": ["Алгебра", "Геометрия", "Физика", "Химия", "Русский язык", "Литература",
               "История", "Обществознание", "Английский язык", "Информатика"],
}
HOMEWORK = ["§ {n}, вопросы 1–4", "упр. {n}, {m}", "№ {n}, {m} (с. {p})", "прочитать с. {p}–{q}",
            "выучить правило, упр. {n}", "подготовить пересказ § {n}", "решить вариант {m}"]


def russian(d):
    return d.strftime("%d.%m.%Y")


def band(class_name):
    grade = int("".join(ch for ch in class_name if ch.isdigit()))
    return "primary" if grade <= 4 else "middle" if grade <= 8 else "senior"


class Out:
    def __init__(self, stream):
        self.w = csv.writer(stream, lineterminator="\n")
        self.w.writerow(COLUMNS)

    def row(self, **values):
        self.w.writerow([values.get(c, "") for c in COLUMNS])


def school_rows(out, org):
    terms = ";".join(f"{russian(a)}-{russian(b)}" for a, b in TERMS)
    out.row(record="school_year", parent=org, year=YEAR, type="quarter", start="01.09.2026",
            end="31.08.2027", terms=terms)
    for n, (start, end) in enumerate(BELLS, 1):
        out.row(record="bell", parent=org, number=n, start=start, end=end)


def school_days(weekday):
    for a, b in TERMS:
        d = a + dt.timedelta((weekday - a.isoweekday()) % 7)
        while d <= b:
            yield d
            d += dt.timedelta(7)


def class_journal(out, rnd, org, cls, subjects, teacher_of, students, until, days=5):
    """Teaching, the week's timetable, and homework and marks on the lessons up to `until`."""
    for s in subjects:
        out.row(record="teaching", parent=cls, login=teacher_of[s], subject=s)
    per_day = 4 if len(subjects) <= 6 else 6
    week = []  # (weekday, number, subject)
    i = 0
    for weekday in range(1, days + 1):
        for number in range(1, per_day + 1):
            week.append((weekday, number, subjects[i % len(subjects)]))
            i += 1
    for weekday, number, s in week:
        out.row(record="timetable", parent=cls, year=YEAR, weekday=weekday, number=number,
                subject=s, login=teacher_of[s], room=str(100 + sum(map(ord, s)) % 40))
    lessons = sorted((d, number, s) for weekday, number, s in week for d in school_days(weekday)
                     if d <= until)
    by_subject = {}
    for d, number, s in lessons:
        by_subject.setdefault(s, []).append((d, number))
    for s, dates in by_subject.items():
        for k, (d, number) in enumerate(dates):
            due = dates[k + 1][0] if k + 1 < len(dates) else d + dt.timedelta(7)
            text = rnd.choice(HOMEWORK).format(n=rnd.randint(1, 60), m=rnd.randint(61, 300),
                                               p=rnd.randint(10, 200), q=rnd.randint(201, 220))
            out.row(record="assignment", parent=cls, date=russian(d), number=number,
                    type="Домашнее задание", text=text, due_date=russian(due), weight=1)
            test = k % 8 == 7
            kind = "Контрольная работа" if test else "Ответ на уроке"
            out.row(record="assignment", parent=cls, date=russian(d), number=number, type=kind,
                    text="Контрольная работа" if test else "Устный ответ", weight=3 if test else 1)
            marked = students if test else rnd.sample(students, min(len(students), rnd.randint(1, 3)))
            for login in marked:
                value = "долг" if test and rnd.random() < 0.05 else str(
                    rnd.choices([5, 4, 3, 2], [35, 40, 20, 5])[0])
                out.row(record="mark", parent=cls, login=login, date=russian(d), number=number,
                        type=kind, mark=value)
            if rnd.random() < 0.04 and students:
                out.row(record="absence", parent=cls, login=rnd.choice(students), date=russian(d),
                        number=number, mark=rnd.choice(["Н", "Б", "П"]))


def demo(until):
    rows = list(csv.DictReader(open("demo/demo-data.csv", encoding="utf-8")))
    out = Out(sys.stdout)
    rnd = random.Random(2026)
    for org in ("org-yanao-sch5", "org-tomsk-gym1"):
        classes = [(r["key"], r["name"]) for r in rows if r["record"] == "class" and r["parent"] == org]
        teachers = [r["login"] for r in rows if r["record"] == "account" and r["parent"] == org
                    and "teacher" in r["roles"].split(";")]
        school_rows(out, org)
        subjects = sorted({s for _, name in classes for s in SUBJECTS[band(name)]})
        for s in subjects:
            out.row(record="subject", parent=org, subject=s)
        teacher_of = {s: teachers[i % len(teachers)] for i, s in enumerate(subjects)}
        for cls, name in classes:
            students = [r["login"] for r in rows if r["record"] == "account" and r["parent"] == org
                        and r["class"] == cls and "student" in r["roles"].split(";")]
            class_journal(out, rnd, org, cls, SUBJECTS[band(name)], teacher_of, students, until)


LAST = ["Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов", "Михайлов",
        "Новиков", "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов", "Егоров"]
FIRST_M = ["Александр", "Максим", "Иван", "Артём", "Дмитрий", "Никита", "Михаил", "Егор"]
FIRST_F = ["Анна", "Мария", "Елена", "Дарья", "Алиса", "Полина", "Виктория", "Ксения"]


def main(argv):
    if len(argv) >= 2 and argv[1] == "demo":
        until = dt.date(2026, 12, 1)
        if "--until" in argv:
            until = dt.datetime.strptime(argv[argv.index("--until") + 1], "%d.%m.%Y").date()
        demo(until)
    else:
        sys.stderr.write(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
