#!/usr/bin/env python3
"""A region for the journal bench: ten schools of 1,000 students each, with a full year.

Usage: bench/journal-data.py NETCITY-BIN DATA-DIR

People, classes and accounts go in through the shipped `netcity admin import` (a CSV written
here; students without passwords, so no argon2id work for 10,000 accounts). The year's journal
rows — years, terms, bells, subjects, teaching assignments, timetable, lessons, assignments,
marks, absences — are written straight into the migrated SQLite database in bulk: importing
millions of marks row by row would measure the importer, not the pages. Deterministic (fixed
seed). Prints the sign-in facts the bench needs as KEY=VALUE lines.
"""
import csv
import datetime as dt
import os
import random
import sqlite3
import subprocess
import sys

SCHOOLS = int(os.environ.get("BENCH_SCHOOLS", "10"))
CLASSES = 34               # 1А…11А, 1Б…11Б, 1В…11В, 1Г
STUDENTS_PER_CLASS = 30    # 34 * 30 = 1,020 a school (the bench's class of 30)
TEACHERS = 40
DAYS, LESSONS_A_DAY = 6, 6
SUBJECTS = ["Математика", "Русский язык", "Литература", "Английский язык", "История",
            "Обществознание", "География", "Биология", "Физика", "Химия", "Информатика",
            "Физическая культура"]
TYPES = {"answer": 1, "homework": 2, "test": 3}  # migration 9's first three assignment types
YEAR_START, YEAR_END = dt.date(2026, 9, 1), dt.date(2027, 8, 31)
TERMS = [(dt.date(2026, 9, 1), dt.date(2026, 10, 25)), (dt.date(2026, 11, 5), dt.date(2026, 12, 28)),
         (dt.date(2027, 1, 9), dt.date(2027, 3, 21)), (dt.date(2027, 3, 30), dt.date(2027, 5, 26))]
BELLS = ["08:30", "09:25", "10:25", "11:25", "12:20", "13:15"]
PASSWORD = "Bench-2026"


LETTERS = "АБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЭЮЯ"


def letters(n):
    """A number as letters (names have no digits: the personal card's rule), in order."""
    return LETTERS[n // len(LETTERS) % len(LETTERS)] + LETTERS[n % len(LETTERS)]


def people_csv(path):
    header = ("record,key,parent,name,type,last_name,first_name,middle_name,birth_date,gender,"
              "snils,email,phone,login,password,roles,class").split(",")
    rows = [dict(record="region", key="reg-b", name="Тестовая область"),
            dict(record="municipality", key="mun-b", parent="reg-b", name="Городской округ"),
            dict(record="locality", key="loc-b", parent="mun-b", name="г. Бенчград")]
    for s in range(SCHOOLS):
        org = f"org-b{s}"
        rows.append(dict(record="organization", key=org, parent="loc-b",
                         name=f"МБОУ «Школа № {s + 1}»", type="общеобразовательная"))
        for c in range(CLASSES):
            rows.append(dict(record="class", key=f"cls-b{s}-{c}", parent=org,
                             name=f"{c % 11 + 1}{'АБВГ'[c // 11]}"))
        for t in range(TEACHERS):
            p = f"p-b{s}-t{t}"
            rows.append(dict(record="person", key=p, last_name="Учителева", first_name=f"Т{letters(t)}",
                             birth_date="01.01.1980", gender="Ж"))
            rows.append(dict(record="account", key=p, parent=org, login=f"teacher{t}",
                             password=PASSWORD if (s, t) == (0, 0) else "", roles="teacher",
                             **({"class": f"cls-b{s}-{t}"} if t < CLASSES else {})))
        for c in range(CLASSES):
            for n in range(STUDENTS_PER_CLASS):
                p = f"p-b{s}-c{c}-s{n}"
                rows.append(dict(record="person", key=p, last_name=f"Ученик{letters(n)}",
                                 first_name="Иван", birth_date="01.01.2015", gender="М"))
                rows.append(dict(record="account", key=p, parent=org, login=f"s{c}-{n}",
                                 roles="student", **{"class": f"cls-b{s}-{c}"}))
    rows.append(dict(record="person", key="p-b-parent", last_name="Родителева", first_name="Анна",
                     birth_date="01.01.1985", gender="Ж"))
    rows.append(dict(record="account", key="p-b-parent", parent="org-b0", login="parent",
                     password=PASSWORD, roles="parent"))
    rows.append(dict(record="relation", key="p-b0-c0-s0", parent="p-b-parent"))
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=header, restval="")
        w.writeheader()
        w.writerows(rows)


def school_days(weekday):
    for start, end in TERMS:
        d = start + dt.timedelta(days=(weekday - 1 - start.weekday()) % 7)
        while d <= end:
            yield d
            d += dt.timedelta(days=7)


def journal(db):
    rnd = random.Random(2026)
    cur = db.cursor()
    orgs = [r[0] for r in cur.execute("SELECT id FROM organizations WHERE key LIKE 'org-b%' ORDER BY key")]
    for org in orgs:
        cur.execute("INSERT INTO school_years (organization_id, name, starts_on, ends_on, term_kind)"
                    " VALUES (?, '2026/2027', ?, ?, 'quarter')", (org, YEAR_START.isoformat(), YEAR_END.isoformat()))
        year = cur.lastrowid
        cur.executemany("INSERT INTO terms (school_year_id, number, starts_on, ends_on) VALUES (?, ?, ?, ?)",
                        [(year, i + 1, a.isoformat(), b.isoformat()) for i, (a, b) in enumerate(TERMS)])
        for n, start in enumerate(BELLS, 1):
            h, m = map(int, start.split(":"))
            end = f"{(h * 60 + m + 45) // 60:02d}:{(h * 60 + m + 45) % 60:02d}"
            cur.execute("INSERT INTO bell_schedule VALUES (?, ?, ?, ?)", (org, n, start, end))
        subjects = []
        for name in SUBJECTS:
            cur.execute("INSERT INTO subjects (organization_id, name) VALUES (?, ?)", (org, name))
            subjects.append(cur.lastrowid)
        teachers = [r[0] for r in cur.execute(
            "SELECT id FROM users WHERE organization_id = ? AND roles = 'teacher' ORDER BY id", (org,))]
        classes = [r[0] for r in cur.execute("SELECT id FROM classes WHERE organization_id = ? ORDER BY id", (org,))]
        for ci, cls in enumerate(classes):
            students = [r[0] for r in cur.execute("SELECT id FROM users WHERE class_id = ? AND roles = 'student'", (cls,))]
            teacher_of = {subj: teachers[(ci + si * 7) % len(teachers)] for si, subj in enumerate(subjects)}
            if ci == 0:  # the bench teacher keeps 1А's mathematics
                teacher_of[subjects[0]] = teachers[0]
            cur.executemany("INSERT INTO teaching_assignments (teacher_user_id, class_id, subject_id) VALUES (?, ?, ?)",
                            [(t, cls, subj) for subj, t in teacher_of.items()])
            for day in range(1, DAYS + 1):
                for number in range(1, LESSONS_A_DAY + 1):
                    subj = subjects[(ci + day * LESSONS_A_DAY + number) % len(subjects)]
                    teacher, room = teacher_of[subj], str(100 + ci)
                    cur.execute("INSERT INTO timetable_slots (school_year_id, class_id, weekday, number,"
                                " subject_id, teacher_user_id, room) VALUES (?, ?, ?, ?, ?, ?, ?)",
                                (year, cls, day, number, subj, teacher, room))
                    for date in school_days(day):
                        cur.execute("INSERT INTO lessons (school_year_id, class_id, subject_id, teacher_user_id,"
                                    " lesson_date, number, room) VALUES (?, ?, ?, ?, ?, ?, ?)",
                                    (year, cls, subj, teacher, date.isoformat(), number, room))
                        lesson = cur.lastrowid
                        at = int(dt.datetime(date.year, date.month, date.day, 15).timestamp())
                        cur.execute("INSERT INTO assignments (lesson_id, type_id, text, due_date, weight,"
                                    " updated_by, updated_at) VALUES (?, ?, ?, ?, 1, ?, ?)",
                                    (lesson, TYPES["homework"], f"§ {rnd.randint(1, 40)}, упр. {rnd.randint(1, 300)}",
                                     (date + dt.timedelta(days=7)).isoformat(), teacher, at))
                        homework = cur.lastrowid
                        kind = "test" if rnd.random() < 0.08 else "answer"
                        cur.execute("INSERT INTO assignments (lesson_id, type_id, text, due_date, weight,"
                                    " updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                                    (lesson, TYPES[kind], "Работа на уроке", date.isoformat(),
                                     3 if kind == "test" else 1, teacher, at))
                        answer = cur.lastrowid
                        marked = students if kind == "test" else rnd.sample(students, 4)
                        marks = [(s, answer, rnd.choice((3, 4, 4, 5, 5)), 0, teacher, at) for s in marked]
                        marks += [(s, homework, None, 1, teacher, at) for s in rnd.sample(students, 1)]
                        cur.executemany("INSERT INTO marks (student_user_id, assignment_id, mark, duty,"
                                        " updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?)", marks)
                        if rnd.random() < 0.5:
                            cur.execute("INSERT INTO absences (lesson_id, student_user_id, code, updated_by,"
                                        " updated_at) VALUES (?, ?, ?, ?, ?)",
                                        (lesson, rnd.choice(students), rnd.choice("НБП"), teacher, at))
        db.commit()
    return orgs


def main():
    binary, data = sys.argv[1], sys.argv[2]
    os.makedirs(data, exist_ok=True)
    path = os.path.join(data, "people.csv")
    people_csv(path)
    subprocess.run([binary, "admin", "import", path, "--data-dir", data], check=True,
                   stdout=subprocess.DEVNULL)
    db = sqlite3.connect(os.path.join(data, "netcity.db"))
    orgs = journal(db)
    first_class = db.execute("SELECT id FROM classes WHERE key = 'cls-b0-0'").fetchone()[0]
    child = db.execute("SELECT u.id FROM users u JOIN persons p ON p.id = u.person_id"
                       " WHERE p.key = 'p-b0-c0-s0'").fetchone()[0]
    math = db.execute("SELECT id FROM subjects WHERE organization_id = ? AND name = 'Математика'",
                      (orgs[0],)).fetchone()[0]
    counts = {t: db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
              for t in ("users", "lessons", "assignments", "marks", "absences")}
    db.execute("ANALYZE")
    db.close()
    print(f"ORG={orgs[0]}\nCLASS={first_class}\nSUBJECT={math}\nCHILD={child}\nPASSWORD={PASSWORD}")
    print("ROWS=" + ",".join(f"{k}:{v}" for k, v in counts.items()))


if __name__ == "__main__":
    main()
