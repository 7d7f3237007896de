#include "store/Migrations.h"

namespace netcity::store {

const std::vector<Migration>& migrations() {
    static const std::vector<Migration> kMigrations{
        {1,
         "directory, people, accounts, sessions, audit",
         {
             "CREATE TABLE regions (id {pk}, key TEXT NOT NULL UNIQUE, name TEXT NOT NULL)",
             "CREATE TABLE municipalities (id {pk}, key TEXT NOT NULL UNIQUE,"
             " region_id BIGINT NOT NULL REFERENCES regions(id), name TEXT NOT NULL)",
             "CREATE INDEX municipalities_region ON municipalities(region_id)",
             "CREATE TABLE localities (id {pk}, key TEXT NOT NULL UNIQUE,"
             " municipality_id BIGINT NOT NULL REFERENCES municipalities(id), name TEXT NOT NULL)",
             "CREATE INDEX localities_municipality ON localities(municipality_id)",
             "CREATE TABLE organizations (id {pk}, key TEXT NOT NULL UNIQUE,"
             " municipality_id BIGINT NOT NULL REFERENCES municipalities(id),"
             " locality_id BIGINT REFERENCES localities(id), type TEXT NOT NULL,"
             " name TEXT NOT NULL)",
             "CREATE INDEX organizations_locality ON organizations(locality_id, type)",
             "CREATE INDEX organizations_municipality ON organizations(municipality_id, type)",
             "CREATE TABLE classes (id {pk}, key TEXT NOT NULL UNIQUE,"
             " organization_id BIGINT NOT NULL REFERENCES organizations(id), name TEXT NOT NULL,"
             " teacher_user_id BIGINT)",
             "CREATE TABLE persons (id {pk}, key TEXT UNIQUE, last_name TEXT NOT NULL,"
             " first_name TEXT NOT NULL, middle_name TEXT NOT NULL DEFAULT '', birth_date TEXT,"
             " gender TEXT, snils_sealed {blob}, snils_index TEXT, email TEXT, phone TEXT,"
             " updated_at BIGINT NOT NULL)",
             "CREATE INDEX persons_snils ON persons(snils_index)",
             "CREATE TABLE users (id {pk},"
             " organization_id BIGINT NOT NULL REFERENCES organizations(id),"
             " person_id BIGINT NOT NULL REFERENCES persons(id), login TEXT NOT NULL,"
             " login_key TEXT NOT NULL, password_hash TEXT, roles TEXT NOT NULL,"
             " class_id BIGINT REFERENCES classes(id), state TEXT NOT NULL DEFAULT 'active',"
             " must_change_password INTEGER NOT NULL DEFAULT 0, temp_password_expires_at BIGINT,"
             " created_at BIGINT NOT NULL, UNIQUE (organization_id, login_key))",
             "CREATE INDEX users_person ON users(person_id)",
             "CREATE TABLE person_relations ("
             " parent_person_id BIGINT NOT NULL REFERENCES persons(id),"
             " child_person_id BIGINT NOT NULL REFERENCES persons(id),"
             " PRIMARY KEY (parent_person_id, child_person_id))",
             "CREATE TABLE sessions (id_hash TEXT PRIMARY KEY,"
             " user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
             " created_at BIGINT NOT NULL, last_seen_at BIGINT NOT NULL)",
             "CREATE INDEX sessions_user ON sessions(user_id)",
             "CREATE TABLE audit_events (id {pk}, at BIGINT NOT NULL, actor_user_id BIGINT,"
             " action TEXT NOT NULL, subject TEXT, client_address TEXT, outcome TEXT NOT NULL)",
             "CREATE INDEX audit_events_at ON audit_events(at)",
         }},
        {2,
         "Gosuslugi links and server-side flows",
         {
             // One ESIA account may link several school accounts; a school account links at
             // most one ESIA account (UNIQUE user_id), which also makes two racing callbacks
             // create one link.
             "CREATE TABLE esia_links (id {pk}, esia_oid BIGINT NOT NULL,"
             " user_id BIGINT NOT NULL UNIQUE REFERENCES users(id) ON DELETE CASCADE,"
             " created_at BIGINT NOT NULL, created_by TEXT NOT NULL)",
             "CREATE INDEX esia_links_oid ON esia_links(esia_oid)",
             "CREATE TABLE flows (id_hash TEXT PRIMARY KEY, kind TEXT NOT NULL,"
             " browser_hash TEXT NOT NULL, data TEXT NOT NULL, created_at BIGINT NOT NULL,"
             " expires_at BIGINT NOT NULL)",
             "CREATE INDEX flows_expires ON flows(expires_at)",
         }},
        {3,
         "control question",
         {
             "ALTER TABLE users ADD COLUMN control_question TEXT",
             "ALTER TABLE users ADD COLUMN control_answer_hash TEXT",
         }},
        {4,
         "appeals and the mail outbox",
         {
             // open_key is set while an appeal is new: one open appeal per person, organization,
             // role and child, so a double click or a second tab does not make two.
             "CREATE TABLE appeals (id {pk}, number TEXT NOT NULL UNIQUE,"
             " organization_id BIGINT NOT NULL REFERENCES organizations(id),"
             " class_id BIGINT REFERENCES classes(id), role TEXT NOT NULL,"
             " esia_oid BIGINT NOT NULL, applicant_name TEXT NOT NULL, email TEXT NOT NULL,"
             " data_sealed TEXT NOT NULL, comment TEXT NOT NULL DEFAULT '',"
             " status TEXT NOT NULL, open_key TEXT UNIQUE, reason TEXT NOT NULL DEFAULT '',"
             " resolution TEXT NOT NULL DEFAULT '', created_at BIGINT NOT NULL,"
             " decided_at BIGINT, decided_by BIGINT REFERENCES users(id))",
             "CREATE INDEX appeals_organization ON appeals(organization_id, status, id)",
             "CREATE INDEX appeals_oid ON appeals(esia_oid)",
             // Written in the transaction of the event it tells about; a worker sends it.
             "CREATE TABLE mail_outbox (id {pk}, organization_id BIGINT REFERENCES"
             " organizations(id), recipient TEXT NOT NULL, subject TEXT NOT NULL,"
             " text_body TEXT NOT NULL, html_body TEXT NOT NULL, message_id TEXT NOT NULL,"
             " status TEXT NOT NULL DEFAULT 'pending', attempts INTEGER NOT NULL DEFAULT 0,"
             " next_attempt_at BIGINT NOT NULL, lease_until BIGINT NOT NULL DEFAULT 0,"
             " last_error TEXT NOT NULL DEFAULT '', created_at BIGINT NOT NULL, sent_at BIGINT)",
             "CREATE INDEX mail_outbox_due ON mail_outbox(status, next_attempt_at)",
             "CREATE INDEX mail_outbox_organization ON mail_outbox(organization_id, status)",
         }},
        {5,
         "audit by organization",
         {
             // The organization an event belongs to, for the school's own audit view.
             "ALTER TABLE audit_events ADD COLUMN organization_id BIGINT",
             "CREATE INDEX audit_events_organization ON audit_events(organization_id, id)",
         }},
        {6,
         "flows of an account, leases of a letter",
         {
             // Recovery links of an account end together (password reset, new temporary
             // password, blocking).
             "ALTER TABLE flows ADD COLUMN account_id BIGINT",
             "CREATE INDEX flows_account ON flows(account_id, kind)",
             // Whose lease a letter is under: only that worker may record what happened.
             "ALTER TABLE mail_outbox ADD COLUMN lease_token TEXT",
         }},
        {7,
         "one Gosuslugi link per organization and portal role",
         {
             // domain::EsiaLinkRule as a key: each link takes one row per portal role its
             // account answers for, so two racing links of one Gosuslugi account to two
             // accounts of the same organization and role cannot both commit.
             "CREATE TABLE esia_link_slots (esia_oid BIGINT NOT NULL,"
             " organization_id BIGINT NOT NULL, portal_role TEXT NOT NULL,"
             " user_id BIGINT NOT NULL REFERENCES esia_links(user_id) ON DELETE CASCADE,"
             " PRIMARY KEY (esia_oid, organization_id, portal_role))",
             "CREATE INDEX esia_link_slots_user ON esia_link_slots(user_id)",
             // The links made before the key; of two that already broke the rule, the older
             // keeps its slot.
             "INSERT INTO esia_link_slots (esia_oid, organization_id, portal_role, user_id)"
             " SELECT l.esia_oid, u.organization_id, 'parent', l.user_id FROM esia_links l"
             " JOIN users u ON u.id = l.user_id WHERE ';' || u.roles || ';' LIKE '%;parent;%'"
             " ORDER BY l.id ON CONFLICT DO NOTHING",
             "INSERT INTO esia_link_slots (esia_oid, organization_id, portal_role, user_id)"
             " SELECT l.esia_oid, u.organization_id, 'student', l.user_id FROM esia_links l"
             " JOIN users u ON u.id = l.user_id WHERE ';' || u.roles || ';' LIKE '%;student;%'"
             " ORDER BY l.id ON CONFLICT DO NOTHING",
             "INSERT INTO esia_link_slots (esia_oid, organization_id, portal_role, user_id)"
             " SELECT l.esia_oid, u.organization_id, 'staff', l.user_id FROM esia_links l"
             " JOIN users u ON u.id = l.user_id WHERE ';' || u.roles || ';' LIKE '%;teacher;%'"
             " OR ';' || u.roles || ';' LIKE '%;administrator;%'"
             " OR ';' || u.roles || ';' LIKE '%;authority;%' ORDER BY l.id ON CONFLICT DO NOTHING",
         }},
        {8,
         "password recovery requests",
         {
             // «Восстановить пароль» only records the request: one INSERT whatever the address,
             // so the page answers in the same time; flows::RecoveryWorker takes it from here.
             "CREATE TABLE recovery_requests (id {pk}, email TEXT NOT NULL,"
             " client_address TEXT NOT NULL, requested_at BIGINT NOT NULL)",
         }},
        {9,
         "the journal: years, terms, bells, subjects, teaching, lessons, marks, announcements",
         {
             // Dates are ISO text (YYYY-MM-DD) as birth dates: they sort and compare as text on
             // both databases, and a lesson's date has no time zone.
             "CREATE TABLE school_years (id {pk},"
             " organization_id BIGINT NOT NULL REFERENCES organizations(id),"
             " name TEXT NOT NULL, starts_on TEXT NOT NULL, ends_on TEXT NOT NULL,"
             " term_kind TEXT NOT NULL CHECK (term_kind IN ('quarter', 'trimester', 'half')),"
             " CHECK (starts_on < ends_on), UNIQUE (organization_id, starts_on))",
             "CREATE TABLE terms (id {pk},"
             " school_year_id BIGINT NOT NULL REFERENCES school_years(id) ON DELETE CASCADE,"
             " number INTEGER NOT NULL, starts_on TEXT NOT NULL, ends_on TEXT NOT NULL,"
             " CHECK (starts_on <= ends_on), UNIQUE (school_year_id, number))",
             "CREATE TABLE bell_schedule ("
             " organization_id BIGINT NOT NULL REFERENCES organizations(id),"
             " number INTEGER NOT NULL CHECK (number BETWEEN 0 AND 12),"
             " starts_at TEXT NOT NULL, ends_at TEXT NOT NULL, CHECK (starts_at < ends_at),"
             " PRIMARY KEY (organization_id, number))",
             "CREATE TABLE subjects (id {pk},"
             " organization_id BIGINT NOT NULL REFERENCES organizations(id),"
             " name TEXT NOT NULL, UNIQUE (organization_id, name))",
             // Who teaches what to whom: the journal's write right, and the staff tools'
             // "teacher: read-only over their classes".
             "CREATE TABLE teaching_assignments (id {pk},"
             " teacher_user_id BIGINT NOT NULL REFERENCES users(id),"
             " class_id BIGINT NOT NULL REFERENCES classes(id),"
             " subject_id BIGINT NOT NULL REFERENCES subjects(id),"
             " UNIQUE (class_id, subject_id, teacher_user_id))",
             "CREATE INDEX teaching_assignments_teacher ON teaching_assignments(teacher_user_id)",
             // The weekly pattern the lessons of a year are made from (weekday 1 = Monday).
             "CREATE TABLE timetable_slots (id {pk},"
             " school_year_id BIGINT NOT NULL REFERENCES school_years(id) ON DELETE CASCADE,"
             " class_id BIGINT NOT NULL REFERENCES classes(id),"
             " weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 6),"
             " number INTEGER NOT NULL, subject_id BIGINT NOT NULL REFERENCES subjects(id),"
             " teacher_user_id BIGINT NOT NULL REFERENCES users(id),"
             " room TEXT NOT NULL DEFAULT '', UNIQUE (school_year_id, class_id, weekday, number))",
             // A lesson moves by changing its date or number; a cancelled one keeps its
             // marks' history but gives up its place in the day.
             "CREATE TABLE lessons (id {pk},"
             " school_year_id BIGINT NOT NULL REFERENCES school_years(id),"
             " class_id BIGINT NOT NULL REFERENCES classes(id),"
             " subject_id BIGINT NOT NULL REFERENCES subjects(id),"
             " teacher_user_id BIGINT NOT NULL REFERENCES users(id),"
             " lesson_date TEXT NOT NULL, number INTEGER NOT NULL, room TEXT NOT NULL DEFAULT '',"
             " topic TEXT NOT NULL DEFAULT '', cancelled INTEGER NOT NULL DEFAULT 0)",
             "CREATE UNIQUE INDEX lessons_place ON lessons(class_id, lesson_date, number)"
             " WHERE cancelled = 0",
             "CREATE INDEX lessons_subject ON lessons(class_id, subject_id, lesson_date)",
             // The diary's week, cancelled lessons included (lessons_place covers only the
             // live ones).
             "CREATE INDEX lessons_class ON lessons(class_id, lesson_date)",
             "CREATE INDEX users_class ON users(class_id)",
             "CREATE INDEX lessons_teacher ON lessons(teacher_user_id, lesson_date)",
             // The per-deployment list in SGO's wording; its ids are the web API's typeId.
             "CREATE TABLE assignment_types (id {pk}, name TEXT NOT NULL UNIQUE,"
             " abbr TEXT NOT NULL, sort_order INTEGER NOT NULL)",
             "INSERT INTO assignment_types (name, abbr, sort_order) VALUES"
             " ('Ответ на уроке', 'О', 10), ('Домашнее задание', 'ДЗ', 15),"
             " ('Контрольная работа', 'К', 20), ('Самостоятельная работа', 'С', 25),"
             " ('Лабораторная работа', 'Л', 30), ('Практическая работа', 'П', 35),"
             " ('Диктант', 'Д', 40), ('Сочинение', 'Соч', 45), ('Изложение', 'Изл', 50),"
             " ('Тестирование', 'Т', 55), ('Проект', 'Пр', 60), ('Зачёт', 'З', 65)",
             "CREATE TABLE assignments (id {pk},"
             " lesson_id BIGINT NOT NULL REFERENCES lessons(id),"
             " type_id BIGINT NOT NULL REFERENCES assignment_types(id), text TEXT NOT NULL,"
             " due_date TEXT NOT NULL, weight INTEGER NOT NULL DEFAULT 1"
             " CHECK (weight BETWEEN 1 AND 10), updated_by BIGINT REFERENCES users(id),"
             " updated_at BIGINT NOT NULL)",
             "CREATE INDEX assignments_lesson ON assignments(lesson_id)",
             // A mark is a number or a duty («долг», work not handed in), never both; the
             // scale itself is the deployment's (domain::MarkScale), the CHECK its outer bound.
             "CREATE TABLE marks ("
             " student_user_id BIGINT NOT NULL REFERENCES users(id),"
             " assignment_id BIGINT NOT NULL REFERENCES assignments(id) ON DELETE CASCADE,"
             " mark INTEGER CHECK (mark BETWEEN 1 AND 10), duty INTEGER NOT NULL DEFAULT 0,"
             " comment TEXT NOT NULL DEFAULT '', updated_by BIGINT REFERENCES users(id),"
             " updated_at BIGINT NOT NULL,"
             " CHECK ((duty = 1 AND mark IS NULL) OR (duty = 0 AND mark IS NOT NULL)),"
             " PRIMARY KEY (student_user_id, assignment_id))",
             "CREATE INDEX marks_assignment ON marks(assignment_id)",
             "CREATE TABLE attendance_kinds (code TEXT PRIMARY KEY, name TEXT NOT NULL,"
             " sort_order INTEGER NOT NULL)",
             "INSERT INTO attendance_kinds (code, name, sort_order) VALUES"
             " ('Н', 'Отсутствовал', 10), ('Б', 'Болел', 20),"
             " ('П', 'Отсутствовал по уважительной причине', 30), ('ОП', 'Опоздал', 40)",
             "CREATE TABLE absences ("
             " lesson_id BIGINT NOT NULL REFERENCES lessons(id) ON DELETE CASCADE,"
             " student_user_id BIGINT NOT NULL REFERENCES users(id),"
             " code TEXT NOT NULL REFERENCES attendance_kinds(code),"
             " updated_by BIGINT REFERENCES users(id), updated_at BIGINT NOT NULL,"
             " PRIMARY KEY (lesson_id, student_user_id))",
             "CREATE INDEX absences_student ON absences(student_user_id)",
             // Audience: the whole organization, or the classes listed beside.
             "CREATE TABLE announcements (id {pk},"
             " organization_id BIGINT NOT NULL REFERENCES organizations(id),"
             " author_user_id BIGINT NOT NULL REFERENCES users(id), title TEXT NOT NULL,"
             " body TEXT NOT NULL, posted_at BIGINT NOT NULL,"
             " whole_organization INTEGER NOT NULL DEFAULT 1)",
             "CREATE INDEX announcements_organization ON announcements(organization_id, posted_at)",
             "CREATE TABLE announcement_classes ("
             " announcement_id BIGINT NOT NULL REFERENCES announcements(id) ON DELETE CASCADE,"
             " class_id BIGINT NOT NULL REFERENCES classes(id),"
             " PRIMARY KEY (announcement_id, class_id))",
             // What changed, as «4 → 5»: a journal change is audited with its old and new value.
             "ALTER TABLE audit_events ADD COLUMN detail TEXT",
         }},
        {10,
         "password recovery: a request's key, and the requests answered",
         {
             // A queued request is taken off its queue after its answer commits, and the queue
             // may be another store (SQLite: a file of its own): the key, recorded with the
             // answer, keeps a request that was answered but not yet taken off from being
             // answered twice (and of two nodes only one answers it).
             "ALTER TABLE recovery_requests ADD COLUMN request_key TEXT NOT NULL DEFAULT ''",
             "UPDATE recovery_requests SET request_key = 'queued-' || CAST(id AS TEXT)",
             "CREATE UNIQUE INDEX recovery_requests_key ON recovery_requests(request_key)",
             "CREATE TABLE recovery_answers (request_key TEXT PRIMARY KEY,"
             " answered_at BIGINT NOT NULL)",
         }},
        {11,
         "whose class teacher an account is",
         {
             // Read by every journal and staff page of a teacher (TeachingRepository::keeper,
             // StaffRepository): without it, a scan of every class of the region.
             "CREATE INDEX classes_teacher ON classes(teacher_user_id)",
         }},
        {12,
         "school years of an organization do not overlap",
         {
             // A date belongs to one school year of its school (the journal's term, the
             // diary's averages): the database refuses a year that overlaps another, whoever
             // writes it. The year of the same first day is the one an upsert replaces. On
             // PostgreSQL the organization's row is locked first, so two writers of one school
             // take turns; SQLite's writers take turns anyway.
             "{sqlite}CREATE TRIGGER school_years_apart_insert BEFORE INSERT ON school_years"
             " WHEN EXISTS (SELECT 1 FROM school_years o WHERE o.organization_id ="
             " NEW.organization_id AND o.starts_on <> NEW.starts_on AND o.starts_on <="
             " NEW.ends_on AND o.ends_on >= NEW.starts_on)"
             " BEGIN SELECT RAISE(ABORT, 'school years of an organization overlap'); END",
             "{sqlite}CREATE TRIGGER school_years_apart_update BEFORE UPDATE ON school_years"
             " WHEN EXISTS (SELECT 1 FROM school_years o WHERE o.organization_id ="
             " NEW.organization_id AND o.id <> NEW.id AND o.starts_on <> NEW.starts_on"
             " AND o.starts_on <= NEW.ends_on AND o.ends_on >= NEW.starts_on)"
             " BEGIN SELECT RAISE(ABORT, 'school years of an organization overlap'); END",
             "{postgresql}CREATE FUNCTION school_years_apart() RETURNS trigger"
             " LANGUAGE plpgsql AS $body$ BEGIN"
             " PERFORM 1 FROM organizations WHERE id = NEW.organization_id FOR UPDATE;"
             " IF EXISTS (SELECT 1 FROM school_years o WHERE o.organization_id ="
             " NEW.organization_id AND o.id <> NEW.id AND o.starts_on <> NEW.starts_on"
             " AND o.starts_on <= NEW.ends_on AND o.ends_on >= NEW.starts_on) THEN"
             " RAISE EXCEPTION 'school years of an organization overlap'"
             " USING ERRCODE = 'exclusion_violation'; END IF; RETURN NEW; END $body$",
             "{postgresql}CREATE TRIGGER school_years_apart BEFORE INSERT OR UPDATE ON"
             " school_years FOR EACH ROW EXECUTE FUNCTION school_years_apart()",
         }},
        {13,
         "the SGO web API: legacy password verifiers, one-time challenges, sessions' kind",
         {
             // MD5(cp1251(password)), sealed (--webapi-password-login, docs/webapi.md).
             "CREATE TABLE webapi_verifiers (user_id BIGINT PRIMARY KEY"
             " REFERENCES users(id) ON DELETE CASCADE, sealed TEXT NOT NULL)",
             "CREATE TABLE webapi_challenges (cookie_hash TEXT NOT NULL, lt TEXT NOT NULL,"
             " ver TEXT NOT NULL, salt TEXT NOT NULL, expires_at BIGINT NOT NULL,"
             " PRIMARY KEY (cookie_hash, lt))",
             "CREATE INDEX webapi_challenges_expiry ON webapi_challenges(expires_at)",
             "ALTER TABLE sessions ADD COLUMN kind TEXT NOT NULL DEFAULT 'web'",
         }},
    };
    return kMigrations;
}

const std::vector<Migration>& queueStoreMigrations() {
    // The same table as migrations 8 and 10 make in the database itself (PostgreSQL's queue).
    static const std::vector<Migration> kMigrations = {
        {1,
         "password recovery requests",
         {
             "CREATE TABLE recovery_requests (id {pk}, email TEXT NOT NULL,"
             " client_address TEXT NOT NULL, requested_at BIGINT NOT NULL,"
             " request_key TEXT NOT NULL UNIQUE)",
         }},
    };
    return kMigrations;
}

std::string renderDdl(const std::string& statement, Dialect dialect) {
    auto replace = [](std::string s, const std::string& from, const std::string& to) {
        for (auto pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size()))
            s.replace(pos, from.size(), to);
        return s;
    };
    bool pg = dialect == Dialect::PostgreSQL;
    // A statement for one dialect only: "{sqlite}…" or "{postgresql}…"; empty for the other.
    for (auto [tag, of] :
         {std::pair{"{sqlite}", Dialect::SQLite}, std::pair{"{postgresql}", Dialect::PostgreSQL}}) {
        std::string prefix = tag;
        if (statement.rfind(prefix, 0) == 0)
            return of == dialect ? renderDdl(statement.substr(prefix.size()), dialect) : "";
    }
    std::string out =
        replace(statement, "{pk}",
                pg ? "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY" : "INTEGER PRIMARY KEY");
    return replace(out, "{blob}", pg ? "BYTEA" : "BLOB");
}

}  // namespace netcity::store
