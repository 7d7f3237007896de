'use strict';
// Browser end-to-end test of the journal (issue #10): the teacher keeps «Классный журнал», the
// student and the parent read it in «Дневник».
//  - Соколова Ольга (she teaches Русский язык in 5А of МАОУ "Гимназия № 1", Томск, and is its
//    class teacher) signs in with her password, opens 5А · Русский язык and, on a lesson of the
//    current week, types a homework (a text new on every run), a mark for Коваленко Михаил, a
//    «долг» and an absence for two classmates — with the keyboard, as the grid is meant to be
//    used — and saves;
//  - Михаил sees the homework, the mark and his new average in the diary and on his main page;
//  - his mother Коваленко Татьяна sees the same;
//  - a mark off the scale (7 of 1–5) gets the Russian message and nothing of the form is written;
//  - without JavaScript the grid saves as a plain form POST («Сохранить», or Enter in a cell,
//    as the page then says; the arrow-key hint is shown only where journal.js runs).
//
// The journal is demo/demo-journal.csv (scripts/journal-csv.py): the 2026/2027 year, a lesson
// on every school day of its quarters, marks up to 01.12.2026. The demo runs on the real clock,
// here in Томск's zone (--time-zone +07:00). The lesson is the latest one of this week up to
// today (a later one of the week if there is none; in a week without lessons — the holidays,
// the summer — the latest one before today). 5А of the demo has Михаил alone: the test adds
// two classmates with `netcity admin import`.
//
//   cd tests/e2e && node --test --test-concurrency=1 journal.test.js

const { test } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const { screenshot } = require('./lib/server');
const {
  SCHOOLS, withPortal, importCsv, pathOf, text, selectedLabel, clickAndWait, passwordSignIn,
  submitSchoolLoginWithoutScript,
} = require('./lib/portal');

const ZONE = '+07:00';
const ZONE_MS = 7 * 3600 * 1000;
const GYM1 = SCHOOLS.tomskGym1;
const CLASS = '5А';
const SUBJECT = 'Русский язык';
const HOMEWORK_TYPE = 'Домашнее задание';
const SAVE_ERROR = 'Журнал не сохранён — ничего не записано. Исправьте ячейки:';

const SOKOLOVA = {
  name: 'Соколова Ольга Викторовна', login: 'sokolova.ov', password: 'Uchitel-2025', school: GYM1,
};
const MIKHAIL = {
  name: 'Коваленко Михаил Олегович', row: 'Коваленко Михаил', login: 'kovalenko.mo',
  password: 'Uchenik-2025', school: GYM1,
};
const TATYANA = {
  name: 'Коваленко Татьяна Юрьевна', login: 'kovalenko.ty', password: 'Roditel-2025', school: GYM1,
};
// Михаил's classmates for this test: after him in the class list (sorted by name).
const ORLOVA = 'Орлова Анна';
const PETROV = 'Петров Илья';
const CLASSMATES_CSV =
  'record,key,parent,name,type,last_name,first_name,middle_name,birth_date,gender,snils,email,phone,login,password,roles,class\n' +
  'person,p-e2e-orlova-anna,,,,Орлова,Анна,Игоревна,14.03.2015,Ж,,,,,,,\n' +
  'account,p-e2e-orlova-anna,org-tomsk-gym1,,,,,,,,,,,orlova.ai.e2e,Uchenik-2025,student,cls-tomsk-gym1-5a\n' +
  'person,p-e2e-petrov-ilya,,,,Петров,Илья,Сергеевич,02.07.2015,М,,,,,,,\n' +
  'account,p-e2e-petrov-ilya,org-tomsk-gym1,,,,,,,,,,,petrov.is.e2e,Uchenik-2025,student,cls-tomsk-gym1-5a\n';

// ---- Dates (ISO text, as the portal's) ----------------------------------------------------

// Today in the demo region's zone.
function today() {
  return new Date(Date.now() + ZONE_MS).toISOString().slice(0, 10);
}

function plusDays(iso, n) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

// 1 = Monday … 7 = Sunday.
function weekday(iso) {
  return new Date(`${iso}T00:00:00Z`).getUTCDay() || 7;
}

function russian(iso) {
  const [y, m, d] = iso.split('-');
  return `${d}.${m}.${y}`;
}

// ---- The grid -----------------------------------------------------------------------------

// The name of the focused field.
async function focused(page) {
  return page.evaluate(() => (document.activeElement ? document.activeElement.name || '' : ''));
}

// The grid's hint above the table, as the browser shows it.
async function gridHint(page) {
  return text(page, '#journal-form > p.muted');
}
const KEYS_HINT = 'Стрелки ↑↓ и Enter переходят по столбцу.';
const ENTER_SAVES = 'Enter сохраняет журнал.';

// The grid's lessons, in order: {id, date (ISO), head («02.12»), number}. The date is the one
// the lesson's new assignment is due on unless changed: the lesson's own.
async function gridLessons(page) {
  const lessons = await page.$$eval('#journal-grid thead th[id^="lesson-"]', (ths) => ths.map((th) => {
    const id = th.id.slice('lesson-'.length);
    const due = document.querySelector(`input[name="d-n${id}"]`);
    return {
      id,
      date: due ? due.value : '',
      head: th.firstChild.textContent.trim(),
      number: th.querySelector('span').textContent.trim().replace(/ урок$/, ''),
    };
  }));
  for (const l of lessons) {
    assert.match(l.date, /^\d{4}-\d{2}-\d{2}$/, `lesson ${l.id} has a date: ${JSON.stringify(l)}`);
    assert.equal(l.head, russian(l.date).slice(0, 5), 'the column shows the lesson\'s day');
  }
  return lessons.sort((a, b) => a.date.localeCompare(b.date) || a.number - b.number);
}

// The lesson of the current week the test writes on (see the head of the file).
function chooseLesson(lessons, day) {
  const monday = plusDays(day, 1 - weekday(day));
  const week = lessons.filter((l) => l.date >= monday && l.date <= plusDays(monday, 5));
  const done = week.filter((l) => l.date <= day);
  if (done.length) return { ...done[done.length - 1], thisWeek: true };
  if (week.length) return { ...week[0], thisWeek: true };
  const before = lessons.filter((l) => l.date < day);
  assert.ok(before.length, `the grid has a lesson before ${day}: ${JSON.stringify(lessons)}`);
  return { ...before[before.length - 1], thisWeek: false };
}

// Student name («Коваленко Михаил») → account id, from the grid's rows.
async function gridStudents(page) {
  const rows = await page.$$eval('#journal-grid tbody tr', (trs) => trs.map((tr) => [
    tr.querySelector('th.student').textContent.trim(), tr.id.slice('student-'.length),
  ]));
  return Object.fromEntries(rows);
}

// A row's marks as the grid shows them, with their weights: {sum, weight} of the numbers.
async function rowMarks(page, studentId) {
  const cells = await page.$$eval(`#student-${studentId} label.mark`, (labels) => labels.map((l) => ({
    name: l.querySelector('input').name, value: l.querySelector('input').value.trim(), title: l.title,
  })));
  let sum = 0;
  let weight = 0;
  for (const c of cells) {
    if (/-n\d+$/.test(c.name) || !/^\d+$/.test(c.value)) continue;  // a new assignment's, a duty
    const w = /вес (\d+)/.exec(c.title);
    sum += Number(c.value) * (w ? Number(w[1]) : 1);
    weight += w ? Number(w[1]) : 1;
  }
  return { sum, weight };
}

// As domain::journal::averageText prints it: two decimals, half up, a comma («4,67»).
function averageText({ sum, weight }) {
  if (!weight) return '';
  const hundredths = Math.round((sum / weight) * 100 + 1e-9);
  return `${Math.floor(hundredths / 100)},${String(hundredths % 100).padStart(2, '0')}`;
}

// /main → «Классный журнал» → 5А · Русский язык. Checks the choice page on the way.
async function openGrid(page) {
  assert.equal(await text(page, '#journal-link'), 'Классный журнал');
  await clickAndWait(page, '#journal-link');
  assert.equal(pathOf(page), '/journal');
  assert.equal(await text(page, 'h1'), 'Классный журнал');
  const classes = await page.$$eval('#journal-classes > li', (lis) => lis.map((li) => ({
    name: li.querySelector('strong.class-name').textContent.trim(),
    subjects: Array.from(li.querySelectorAll('.journal-subjects > li')).map((s) => ({
      label: s.textContent.trim().replace(/\s+/g, ' '), href: s.querySelector('a').getAttribute('href'),
    })),
  })));
  const fifth = classes.find((c) => c.name === CLASS);
  assert.ok(fifth, `${CLASS} is among her classes: ${JSON.stringify(classes)}`);
  const labels = fifth.subjects.map((s) => s.label);
  assert.ok(labels.includes(SUBJECT) && labels.includes('Английский язык'), `she writes her subjects: ${labels}`);
  assert.ok(labels.includes('Математика (просмотр)'), `the class teacher reads the others: ${labels}`);
  const href = fifth.subjects.find((s) => s.label === SUBJECT).href;
  await clickAndWait(page, `#journal-classes a.journal-link[href="${href}"]`);
  assert.equal(pathOf(page), '/journal/grid');
  assert.equal(await text(page, 'h1'), `${CLASS}, ${SUBJECT}`);
  assert.match(await text(page, '#terms strong'), /^\d четверть$/);
  assert.equal(await page.locator('#read-only').count(), 0, 'her own subject is not read-only');
  // The grid opens on a month of the term; its averages are the whole term's, so the checks
  // below read «Весь период», where every mark the average counts is shown.
  assert.equal(await page.locator('#months strong[aria-current="page"]').count(), 1, 'a month is shown');
  await clickAndWait(page, '#month-all');
  assert.equal(pathOf(page), '/journal/grid');
  assert.equal(await text(page, '#months strong[aria-current="page"]'), 'Весь период');
  return page.url();
}

// The saved state of the lesson in the grid: the homework, the three cells, the average.
async function assertGridShows(page, w) {
  assert.equal(await selectedLabel(page, `select[name="y-${w.assignment}"]`), HOMEWORK_TYPE);
  assert.equal(await page.inputValue(`input[name="t-${w.assignment}"]`), w.homework);
  assert.equal(await page.inputValue(`input[name="m-${w.mikhail}-${w.assignment}"]`), String(w.mark));
  assert.equal(await page.inputValue(`input[name="m-${w.orlova}-${w.assignment}"]`), '•', 'a duty shows as «•»');
  assert.equal(await page.inputValue(`input[name="a-${w.petrov}-${w.lesson.id}"]`), 'Н');
  assert.equal(await page.inputValue(`input[name="a-${w.mikhail}-${w.lesson.id}"]`), '');
  assert.equal(await page.inputValue(`input[name="t-n${w.lesson.id}"]`), '', 'the new assignment\'s form is empty again');
  assert.equal(await text(page, `#average-${w.mikhail}`), w.average);
}

// ---- The diary ----------------------------------------------------------------------------

// The diary's row of the subject in «Средний балл»: {average, count}.
async function diaryAverage(page) {
  const rows = await page.$$eval('#averages tr', (trs) => trs.map((tr) => Array.from(tr.cells).map((c) => c.textContent.trim())));
  const row = rows.find((r) => r[0] === SUBJECT);
  assert.ok(row, `the diary lists ${SUBJECT} under «Средний балл»: ${JSON.stringify(rows)}`);
  return { average: row[1], count: Number(row[2]) };
}

// The lesson as the diary shows it: {subject, assignments: [{type, text, mark, duty}]}.
async function diaryLesson(page, lesson) {
  const article = page.locator(`#day-${lesson.date} article#lesson-${lesson.id}`);
  assert.equal(await article.count(), 1, `the diary shows the lesson of ${lesson.date}: ${await text(page, 'main')}`);
  return article.evaluate((a) => ({
    subject: a.querySelector('.lesson-subject').textContent.trim(),
    assignments: Array.from(a.querySelectorAll('.assignments > li')).map((li) => ({
      type: li.querySelector('.assignment-type').textContent.trim(),
      text: li.querySelector('.assignment-text').textContent.trim(),
      mark: li.querySelector('.mark:not(.duty)') ? li.querySelector('.mark:not(.duty)').textContent.trim() : '',
      duty: !!li.querySelector('.mark.duty'),
    })),
  }));
}

// From the main page, the diary of the lesson's week (the current one unless the lesson is not
// of it). Checks whose diary it is and that the portal's today is the test's.
async function openDiary(page, studentId, lesson, day) {
  await clickAndWait(page, `#diary-link-${studentId}`);
  assert.equal(pathOf(page), '/diary');
  assert.equal(await text(page, 'h1'), 'Дневник');
  assert.match(await text(page, '#student'), new RegExp(`^${MIKHAIL.name}, ${CLASS} класс, `));
  if (weekday(day) !== 7)
    assert.equal(await page.locator(`#day-${day}.today`).count(), 1, `the portal's today is ${day} (${ZONE})`);
  if (!lesson.thisWeek) await page.goto(`${new URL(page.url()).origin}/diary?student=${studentId}&week=${lesson.date}`);
}

// The homework and the mark on the lesson, in the diary the browser is on.
async function assertDiaryShows(page, w) {
  const shown = await diaryLesson(page, w.lesson);
  assert.equal(shown.subject, SUBJECT);
  const homework = shown.assignments.filter((a) => a.text === w.homework);
  assert.deepEqual(homework, [{ type: `${HOMEWORK_TYPE}:`, text: w.homework, mark: String(w.mark), duty: false }],
    `the lesson shows the homework and the mark: ${JSON.stringify(shown)}`);
  assert.deepEqual(await diaryAverage(page), { average: w.average, count: w.countBefore + 1 });
}

// The main page's glance: the mark among the recent ones when the lesson is of the last seven
// days, the homework among today's when the lesson is today's.
async function assertGlance(page, w, day) {
  const glance = `#glance-${w.mikhail}`;
  assert.equal(await text(page, `${glance} h2`), MIKHAIL.name);
  const marks = (await page.locator(`${glance} .recent-marks li`).allInnerTexts()).map((s) => s.trim());
  const markLine = `${russian(w.lesson.date)}, ${SUBJECT}, ${HOMEWORK_TYPE}: ${w.mark}`;
  const recent = w.lesson.date > plusDays(day, -7) && w.lesson.date <= day;
  assert.equal(marks.includes(markLine), recent,
    `«Оценки за последние дни» ${recent ? 'shows' : 'does not show'} «${markLine}»: ${JSON.stringify(marks)}`);
  const homework = (await page.locator(`${glance} .homework li`).allInnerTexts()).map((s) => s.trim());
  const homeworkLine = `${SUBJECT}: ${w.homework}`;
  assert.equal(homework.includes(homeworkLine), w.lesson.date === day,
    `«Домашнее задание на сегодня» and «${homeworkLine}»: ${JSON.stringify(homework)}`);
}

// ---- The scenario -------------------------------------------------------------------------

test('the teacher sets homework and marks in «Классный журнал»; the student and the parent see them in «Дневник»', async () => {
  await withPortal(async (server, newBrowser) => {
    importCsv(server, CLASSMATES_CSV);
    const day = today();
    assert.ok(day >= '2026-09-01', `the demo's school year 2026/2027 begins on 01.09.2026; today is ${day}`);
    const w = { homework: `упр. ${crypto.randomInt(100, 999)}, повторить правило (e2e ${crypto.randomBytes(3).toString('hex')})` };

    // Соколова: the real login page, «Классный журнал», 5А · Русский язык.
    const teacher = (await newBrowser()).page;
    await passwordSignIn(teacher, server, SOKOLOVA);
    const gridUrl = await openGrid(teacher);
    const students = await gridStudents(teacher);
    assert.deepEqual(Object.keys(students), [MIKHAIL.row, ORLOVA, PETROV], 'the class, by name');
    w.mikhail = students[MIKHAIL.row];
    w.orlova = students[ORLOVA];
    w.petrov = students[PETROV];
    w.lesson = chooseLesson(await gridLessons(teacher), day);
    const before = await rowMarks(teacher, w.mikhail);
    assert.equal(await text(teacher, `#average-${w.mikhail}`), averageText(before), 'the grid\'s average is of its marks');
    w.mark = before.weight && before.sum / before.weight >= 4 ? 2 : 5;  // one that moves the average
    w.average = averageText({ sum: before.sum + w.mark, weight: before.weight + 1 });

    // Михаил's diary before: the lesson, without this homework; his average and its count.
    const student = (await newBrowser()).page;
    await passwordSignIn(student, server, MIKHAIL);
    await openDiary(student, w.mikhail, w.lesson, day);
    const diaryUrl = student.url();
    assert.ok(!(await diaryLesson(student, w.lesson)).assignments.some((a) => a.text === w.homework));
    const averageBefore = await diaryAverage(student);
    assert.equal(averageBefore.average, averageText(before) || '—', 'the diary\'s average is the grid\'s');
    w.countBefore = averageBefore.count;

    // journal.js runs: its keyboard hint is shown, the page's word for a browser without it not.
    assert.ok((await gridHint(teacher)).includes(KEYS_HINT), await gridHint(teacher));
    assert.ok(!(await gridHint(teacher)).includes(ENTER_SAVES), await gridHint(teacher));

    // The homework: its type chosen, its text typed; Tab goes on to its weight.
    const lid = w.lesson.id;
    await teacher.selectOption(`select[name="y-n${lid}"]`, { label: HOMEWORK_TYPE });
    await teacher.focus(`input[name="t-n${lid}"]`);
    await teacher.keyboard.type(w.homework);
    await teacher.keyboard.press('Tab');
    assert.equal(await focused(teacher), `w-n${lid}`);
    // The marks column «+» of the lesson: Михаил's mark, Enter down the column (journal.js),
    // Орлова's «д» (долг), Enter, Tab to Петров's attendance, «Н».
    await teacher.focus(`input[name="m-${w.mikhail}-n${lid}"]`);
    await teacher.keyboard.type(String(w.mark));
    await teacher.keyboard.press('Enter');
    assert.equal(await focused(teacher), `m-${w.orlova}-n${lid}`, 'Enter goes down the column, not submits');
    await teacher.keyboard.type('д');
    await teacher.keyboard.press('Enter');
    assert.equal(await focused(teacher), `m-${w.petrov}-n${lid}`);
    await teacher.keyboard.press('Tab');
    assert.equal(await focused(teacher), `a-${w.petrov}-${lid}`, 'Tab goes on to the attendance of the lesson');
    await teacher.keyboard.type('Н');
    assert.equal(pathOf(teacher), '/journal/grid');
    await screenshot(teacher, 'journal-grid-typed.png');

    await clickAndWait(teacher, '#journal-save');
    assert.equal(pathOf(teacher), '/journal/grid');
    assert.equal(new URL(teacher.url()).searchParams.get('saved'), '4', `saved: ${await text(teacher, 'main')}`);
    assert.equal(await text(teacher, '#flash'), 'Журнал сохранён. Изменено ячеек: 4.');
    assert.equal(await teacher.locator('#error').count(), 0);
    w.assignment = await teacher.$$eval(`#homework-${lid} input.homework-text`,
      (inputs, typed) => (inputs.find((i) => i.value === typed) || { name: '' }).name.slice(2), w.homework);
    assert.match(w.assignment, /^\d+$/, 'the lesson has the new homework');
    await assertGridShows(teacher, w);
    await screenshot(teacher, 'journal-grid-saved.png');
    await teacher.reload();
    await assertGridShows(teacher, w);

    // The same form again changes nothing.
    await clickAndWait(teacher, '#journal-save');
    assert.equal(await text(teacher, '#flash'), 'Изменений нет: журнал уже такой.');

    // Михаил: the diary, then his main page.
    await student.reload();
    await assertDiaryShows(student, w);
    await screenshot(student, 'journal-diary-student.png');
    await student.goto(`${server.base}/main`);
    await assertGlance(student, w, day);

    // Коваленко Татьяна: one child, so no switch; the glance and the diary.
    const parent = (await newBrowser()).page;
    await passwordSignIn(parent, server, TATYANA);
    await assertGlance(parent, w, day);
    await screenshot(parent, 'journal-main-parent.png');
    await openDiary(parent, w.mikhail, w.lesson, day);
    assert.equal(await parent.locator('#children').count(), 0, 'a single child: no switch');
    await assertDiaryShows(parent, w);
    await screenshot(parent, 'journal-diary-parent.png');

    // A mark off the scale, with another change in the same form: refused, nothing written.
    await teacher.goto(gridUrl);
    const mark = `input[name="m-${w.mikhail}-${w.assignment}"]`;
    await teacher.focus(mark);
    await teacher.keyboard.press('Control+A');
    await teacher.keyboard.type('7');
    await teacher.fill(`input[name="t-${w.assignment}"]`, `${w.homework}, и ещё одно`);
    const [refused] = await Promise.all([teacher.waitForNavigation(), teacher.click('#journal-save')]);
    assert.equal(refused.status(), 422);
    assert.equal(await text(teacher, '#error p'), SAVE_ERROR);
    assert.deepEqual((await teacher.locator('#problems li').allInnerTexts()).map((s) => s.trim()),
      [`${MIKHAIL.row}, ${w.lesson.head}, ${w.lesson.number} урок: оценка «7» вне шкалы 1–5`]);
    assert.equal(await teacher.inputValue(mark), '7', 'the form keeps what was typed');
    assert.equal(await teacher.getAttribute(mark, 'aria-invalid'), 'true');
    assert.equal(await teacher.inputValue(`input[name="t-${w.assignment}"]`), `${w.homework}, и ещё одно`);
    await screenshot(teacher, 'journal-grid-refused.png');
    await teacher.goto(gridUrl);
    await assertGridShows(teacher, w);
    await student.goto(diaryUrl);
    await assertDiaryShows(student, w);
    const after = (await diaryLesson(student, w.lesson)).assignments;
    assert.ok(!after.some((a) => a.mark === '7' || a.text.includes('и ещё одно')),
      `nothing of the refused form: ${JSON.stringify(after)}`);

    // Without JavaScript: the grid is a plain form; «Сохранить» posts it.
    const plain = (await newBrowser({ javaScriptEnabled: false })).page;
    await plain.goto(server.url);
    await submitSchoolLoginWithoutScript(plain, GYM1, SOKOLOVA.login, SOKOLOVA.password);
    assert.equal(pathOf(plain), '/main', `signed in without JavaScript: ${await text(plain, 'main')}`);
    await openGrid(plain);
    await assertGridShows(plain, w);
    assert.ok(!(await gridHint(plain)).includes(KEYS_HINT), `no promise of the script's keys: ${await gridHint(plain)}`);
    assert.ok((await gridHint(plain)).includes(ENTER_SAVES), await gridHint(plain));
    await plain.fill(`input[name="m-${w.orlova}-${w.assignment}"]`, '4');
    await clickAndWait(plain, '#journal-save-bottom');
    assert.equal(await text(plain, '#flash'), 'Журнал сохранён. Изменено ячеек: 1.');
    assert.equal(await plain.inputValue(`input[name="m-${w.orlova}-${w.assignment}"]`), '4');
    // As the page says: Enter in a cell saves the journal.
    await plain.fill(`input[name="a-${w.petrov}-${lid}"]`, '');
    await Promise.all([plain.waitForNavigation(), plain.press(`input[name="a-${w.petrov}-${lid}"]`, 'Enter')]);
    assert.equal(await text(plain, '#flash'), 'Журнал сохранён. Изменено ячеек: 1.');
    assert.equal(await plain.inputValue(`input[name="a-${w.petrov}-${lid}"]`), '');
    assert.equal(await plain.inputValue(`input[name="m-${w.orlova}-${w.assignment}"]`), '4');
    assert.equal(await plain.inputValue(`input[name="m-${w.mikhail}-${w.assignment}"]`), String(w.mark));
    await screenshot(plain, 'journal-grid-nojs-saved.png');
  }, { serverArgs: ['--time-zone', ZONE] });
});
