'use strict';
// Browser end-to-end tests of the staff tools and of the password paths around them:
//  - a class teacher completes a parent's personal card after the self-linking cut-off date,
//    and the parent's next Gosuslugi sign-in links her account automatically;
//  - a temporary password issued by the administrator must be changed at first sign-in, and an
//    expired one is refused;
//  - «Восстановить пароль»: the letter, read from a real SMTP server (aiosmtpd, lib/smtp-sink.js),
//    its one-time link, the control question, the new password.
//
// The persons come from docs/demo-data.md and demo/demo-data.csv, all in МАОУ "Гимназия № 1"
// (Томск): Коваленко Татьяна (#17 of «Persons for the ESIA emulator»: no SNILS on her card),
// mother of Михаил, 5А, whose class teacher is Соколова Ольга; Воронцова Елена, the
// administrator; Зайцев Роман, the account without a password (temporary password demo);
// Голубев Игорь, a parent whose card has an e-mail.
//
//   cd tests/e2e && node --test --test-concurrency=1 staff.test.js

const { test } = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { screenshot } = require('./lib/server');
const {
  SCHOOLS, withPortal, pathOf, text, clickAndWait, submitLogin, passwordSignIn, esiaSignIn,
} = require('./lib/portal');

const MAIL_WAIT_MS = 15000;
const LINKED = 'Пользователь успешно привязан к учетной записи портала Госуслуг';
const WRONG_PASSWORD = 'Неверное имя пользователя или пароль.';
const TEMPORARY_EXPIRED = 'Срок действия временного пароля истёк. Обратитесь в образовательную ' +
  'организацию за новым паролем.';
const MUST_CHANGE = 'Перед началом работы смените пароль, выданный в образовательной организации.';
const PASSWORD_CHANGED = 'Пароль изменён. Другие сеансы завершены.';
const RECOVERY_SUBJECT = 'Восстановление пароля';

const GYM1 = SCHOOLS.tomskGym1;

// Коваленко: parent; her card has no SNILS, Gosuslugi has 143-464-097 56. Name, birth date and
// sex on the card are exactly as on Gosuslugi (demo-data.md, row 17).
const KOVALENKO = {
  name: 'Коваленко Татьяна Юрьевна', last: 'Коваленко', first: 'Татьяна', middle: 'Юрьевна',
  birth: '09.10.1988', gender: 'Ж', snils: '143-464-097 56',
  login: 'kovalenko.ty', esia: 'kovalenko.ty@example.org', school: GYM1,
  child: 'Коваленко Михаил Олегович',
};
// Соколова: teacher, class teacher of 5А (Михаил Коваленко's class).
const SOKOLOVA = {
  name: 'Соколова Ольга Викторовна', login: 'sokolova.ov', password: 'Uchitel-2025', school: GYM1,
};
// Воронцова: the Gymnasium's administrator.
const VORONTSOVA = {
  name: 'Воронцова Елена Михайловна', login: 'vorontsova.em', password: 'Admin-2025', school: GYM1,
};
// Зайцев: parent account with no password at all (the temporary password demo).
const ZAYTSEV = { name: 'Зайцев Роман Евгеньевич', login: 'zaytsev.re', school: GYM1 };
// Голубев: parent (of Софья, 9Б — not Соколова's class); his card has an e-mail.
const GOLUBEV = {
  name: 'Голубев Игорь Васильевич', login: 'golubev.iv', password: 'Roditel-2025',
  email: 'golubev.iv@example.org', school: GYM1,
};

// ---- Helpers (the shared steps are in lib/portal.js) ---------------------------------------

// A refused sign-in: still on the login page, with this message (a screenshot of it if `shot`).
async function assertLoginRefused(page, message, shot) {
  assert.equal(pathOf(page), '/login', `not signed in (at ${page.url()})`);
  assert.equal(await text(page, '#login-error'), message);
  if (shot) await screenshot(page, shot);
  await page.goto(new URL('/main', page.url()).href);
  assert.equal(pathOf(page), '/login', 'no session');
}

// /main → «Пользователи» → search → the row of `name` → its card. Resolves to the account id.
async function openCard(page, query, name) {
  if (pathOf(page) !== '/staff/people') {
    await page.goto(new URL('/main', page.url()).href);
    assert.equal(await text(page, '#staff-people'), 'Пользователи');
    await clickAndWait(page, '#staff-people');
    assert.equal(pathOf(page), '/staff/people');
  }
  await page.fill('#q', query);
  await Promise.all([page.waitForNavigation(), page.press('#q', 'Enter')]);
  assert.equal(new URL(page.url()).searchParams.get('q'), query);
  const link = page.locator('#people a.card-link', { hasText: name });
  assert.equal(await link.count(), 1, `the list shows ${name}: ${await text(page, '#people')}`);
  await clickAndWait(page, `#people a.card-link:text-is("${name}")`);
  assert.equal(pathOf(page), '/staff/card');
  assert.equal(await text(page, '#card-name'), name);
  const id = new URL(page.url()).searchParams.get('account');
  assert.match(id, /^[1-9]\d*$/);
  return id;
}

// The account id behind a name in the staff list (for opening cards by URL).
async function accountIdOf(page, server, query, name) {
  await page.goto(`${server.base}/staff/people?q=${encodeURIComponent(query)}`);
  const href = await page.locator(`#people a.card-link:text-is("${name}")`).getAttribute('href');
  const id = new URL(href, server.base).searchParams.get('account');
  assert.match(id, /^[1-9]\d*$/);
  return id;
}

// On a card: «Выдать временный пароль» → the slip. Resolves to {login, password, expires}.
async function issueTemporaryPassword(page) {
  assert.equal(await text(page, '#issue-password'), 'Выдать временный пароль');
  await clickAndWait(page, '#issue-password');
  assert.equal(pathOf(page), '/staff/card/password');
  assert.equal(await text(page, 'h1'), 'Временный пароль');
  const slip = {
    login: await text(page, '#slip-login'),
    password: await text(page, '#slip-password'),
    expires: await text(page, '#slip-expires'),
  };
  assert.equal(slip.password.length, 10, `a 10-character temporary password: «${slip.password}»`);
  assert.doesNotMatch(slip.password, /\s/);
  // The demo region's clock (--time-zone +07:00 below), not UTC.
  assert.match(slip.expires, /^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2} \(UTC\+7\)$/);
  assert.equal(await text(page, '#print'), 'Печать');
  return slip;
}

// /settings → «Сменить пароль»: the old password, the new one twice.
async function changePassword(page, oldPassword, newPassword) {
  await page.fill('#old_password', oldPassword);
  await page.fill('#new_password', newPassword);
  await page.fill('#repeat_password', newPassword);
  await clickAndWait(page, '#change-password');
}

// The demo's SQLite database inside the server's data directory.
function databaseOf(server) {
  const file = path.join(server.dir, 'netcity.db');
  assert.ok(fs.existsSync(file), `the demo keeps its database in ${file}: ${fs.readdirSync(server.dir).join(', ')}`);
  return file;
}

// Runs SQL with the sqlite3 command line against the live database (the server keeps running:
// wait for its write lock rather than fail with «database is locked»).
function sqlite(file, sql) {
  try {
    return execFileSync('sqlite3', ['-batch', '-cmd', '.timeout 5000', file, sql],
      { encoding: 'utf8', timeout: 15000 }).trim();
  } catch (e) {
    if (e.code === 'ENOENT') throw new Error('the sqlite3 command line is needed (Debian package sqlite3)');
    throw new Error(`sqlite3 ${file} «${sql}» failed: ${e.message}\n${e.stderr || ''}`);
  }
}

// ---- A class teacher completes a card; the parent's Gosuslugi sign-in links -------------

test('a class teacher fills a parent\'s card after the cut-off, and the parent\'s next Gosuslugi sign-in links automatically', async () => {
  await withPortal(async (server, newBrowser) => {
    const { page } = await newBrowser();

    // Коваленко through Gosuslugi as parent: her card has no SNILS → «Запись не найдена».
    const first = await esiaSignIn(page, server, 'parent', KOVALENKO);
    assert.ok(first.login && first.rights, 'the emulator asked for the password and the consent');
    assert.equal(pathOf(page), '/esia/callback');
    assert.equal(await text(page, '#not-found'), 'Запись не найдена', `at ${page.url()}: ${await text(page, 'main')}`);
    await screenshot(page, 'staff-kovalenko-not-found.png');

    // Михаил's class teacher, with her password, in a browser of her own.
    const teacher = (await newBrowser()).page;
    await passwordSignIn(teacher, server, SOKOLOVA);
    assert.equal(await teacher.locator('nav#staff-tools').count(), 1, 'staff tools on the main page');
    assert.equal(await text(teacher, '#staff-people'), 'Пользователи');
    assert.equal(await teacher.locator('#staff-appeals').count(), 1);
    assert.equal(await teacher.locator('#staff-audit').count(), 0, 'the audit log is for administrators');
    assert.equal(await teacher.locator('#staff-mail').count(), 0, 'the mail log is for administrators');

    // Her list: the students of 5А and their parents, and (read-only) those of the classes she
    // teaches a subject in (demo/demo-journal.csv: 1А, 9Б, 11А); nobody of another school.
    await clickAndWait(teacher, '#staff-people');
    assert.equal(pathOf(teacher), '/staff/people');
    const everyone = await text(teacher, '#people');
    assert.match(everyone, /Коваленко Михаил Олегович/);
    assert.match(everyone, /Коваленко Татьяна Юрьевна/);
    assert.match(everyone, /Голубев/, 'she teaches 9Б');
    assert.doesNotMatch(everyone, /Ткаченко/, 'a family of another school is not in her list');
    const found = await openCard(teacher, 'Коваленко', KOVALENKO.name);

    // The card: not linked, not ready for an automatic link (no SNILS).
    assert.equal(await text(teacher, '#card-login'), KOVALENKO.login);
    assert.equal(await teacher.locator('#esia-not-linked').count(), 1);
    assert.equal(await teacher.locator('#esia-linked').count(), 0);
    assert.equal(await teacher.locator('#auto-link-ready').count(), 0);
    assert.match(await text(teacher, '#auto-link-missing'), /заполните ФИО, дату рождения и СНИЛС/);
    assert.match(await text(teacher, '#children'), new RegExp(KOVALENKO.child));
    // Name, birth date and sex are already exactly as on Gosuslugi; only the SNILS is missing.
    assert.equal(await teacher.inputValue('#last_name'), KOVALENKO.last);
    assert.equal(await teacher.inputValue('#first_name'), KOVALENKO.first);
    assert.equal(await teacher.inputValue('#middle_name'), KOVALENKO.middle);
    assert.equal(await teacher.inputValue('#birth_date'), KOVALENKO.birth);
    assert.equal(await teacher.inputValue('#gender'), KOVALENKO.gender);
    assert.equal(await teacher.inputValue('#snils'), '');
    assert.equal(await teacher.inputValue('#email'), KOVALENKO.esia);
    await screenshot(teacher, 'staff-card-before.png');

    await teacher.fill('#snils', KOVALENKO.snils);
    await clickAndWait(teacher, '#save-card');
    assert.equal(pathOf(teacher), '/staff/card');
    assert.equal(new URL(teacher.url()).searchParams.get('account'), found);
    assert.equal(await teacher.locator('#card-error').count(), 0,
      `the card was accepted: ${await text(teacher, 'main')}`);
    assert.equal(await text(teacher, '#flash'), 'Карточка сохранена.');
    assert.equal(await teacher.inputValue('#snils'), KOVALENKO.snils);
    assert.equal(await teacher.inputValue('#birth_date'), KOVALENKO.birth);
    assert.equal(await teacher.locator('#auto-link-missing').count(), 0);
    assert.match(await text(teacher, '#auto-link-ready'),
      /при следующем входе через Госуслуги учётная запись свяжется автоматически/);
    assert.equal(await teacher.locator('#esia-not-linked').count(), 1, 'not linked yet');
    await screenshot(teacher, 'staff-card-saved.png');

    // A card outside her reach (a colleague's: only the administrator keeps staff cards),
    // opened by its address: «not found», as if it did not exist. A parent of 9Б, where she
    // teaches a subject, she may read.
    const admin = (await newBrowser()).page;
    await passwordSignIn(admin, server, VORONTSOVA);
    assert.equal(await text(admin, '#staff-audit'), 'Журнал событий');
    assert.equal(await admin.locator('#staff-mail').count(), 1);
    const golubevId = await accountIdOf(admin, server, 'Голубев', GOLUBEV.name);
    const vorontsovaId = await accountIdOf(admin, server, 'Воронцова', VORONTSOVA.name);
    const readable = await teacher.goto(`${server.base}/staff/card?account=${golubevId}`);
    assert.equal(readable.status(), 200, 'she teaches 9Б: the card of a 9Б parent reads');
    const response = await teacher.goto(`${server.base}/staff/card?account=${vorontsovaId}`);
    assert.equal(response.status(), 404, 'a colleague\'s card is not the class teacher\'s');
    assert.equal(await text(teacher, 'h1'), 'Ошибка');
    assert.equal(await text(teacher, 'p.message'), 'Пользователь не найден.');
    assert.doesNotMatch(await text(teacher, 'main'), /Воронцова/, 'nothing of the card shows');
    await screenshot(teacher, 'staff-card-not-found.png');

    // Коваленко through Gosuslugi again: linked automatically, signed in, with her son.
    await esiaSignIn(page, server, 'parent', KOVALENKO);
    assert.equal(pathOf(page), '/main', `signed in (at ${page.url()}): ${await text(page, 'main')}`);
    assert.equal(await text(page, '#flash'), LINKED);
    assert.equal(await text(page, '#profile-link'), KOVALENKO.name);
    assert.match(await text(page, '#roles'), /Родитель/);
    assert.match(await text(page, '#organization'), /Гимназия № 1/);
    assert.match(await text(page, '#children'), new RegExp(KOVALENKO.child));
    await screenshot(page, 'staff-kovalenko-linked.png');

    // The class teacher sees the link on the card and in the list.
    await teacher.goto(`${server.base}/staff/card?account=${found}`);
    assert.equal(await teacher.locator('#esia-linked').count(), 1, `linked: ${await text(teacher, 'main')}`);
    assert.equal(await text(teacher, '#esia-unlink'), 'Удалить связь с учётной записью Госуслуг');
    await teacher.goto(`${server.base}/staff/people?q=${encodeURIComponent('Коваленко Татьяна')}`);
    const cells = (await teacher.locator('#people tr', { hasText: KOVALENKO.name }).locator('td').allInnerTexts())
      .map((s) => s.trim());
    assert.equal(cells[3], KOVALENKO.login);
    assert.equal(cells[4], 'связан');
  });
});

// ---- Temporary passwords -------------------------------------------------------------------

test('a temporary password\'s first sign-in forces the change; an expired one is refused', async () => {
  await withPortal(async (server, newBrowser) => {
    const admin = (await newBrowser()).page;
    await passwordSignIn(admin, server, VORONTSOVA);

    // Зайцев has no password at all: the administrator issues a temporary one.
    const zaytsevId = await openCard(admin, 'Зайцев', ZAYTSEV.name);
    assert.equal(await text(admin, '#password-state'), 'Пароль не выдан: вход только через Госуслуги.');
    const slip = await issueTemporaryPassword(admin);
    assert.equal(slip.login, ZAYTSEV.login);
    assert.equal(await text(admin, '#slip-name'), ZAYTSEV.name);
    await screenshot(admin, 'staff-slip.png');
    await clickAndWait(admin, '#back-to-card');
    assert.equal(new URL(admin.url()).searchParams.get('account'), zaytsevId);
    assert.equal(await text(admin, '#password-state'), `Временный пароль действует до ${slip.expires}.`);

    // Зайцев, in a browser of his own: signed in, but straight to «смените пароль».
    const page = (await newBrowser()).page;
    await submitLogin(page, server, ZAYTSEV.school, slip.login, slip.password);
    assert.equal(pathOf(page), '/settings', `at ${page.url()}: ${await text(page, 'main')}`);
    assert.equal(new URL(page.url()).searchParams.get('required'), '1');
    assert.equal(await text(page, '#notice'), MUST_CHANGE);
    assert.equal(await text(page, '#full-name'), ZAYTSEV.name);
    await screenshot(page, 'staff-temporary-required.png');

    // Nothing else opens before the change.
    for (const p of ['/main', '/settings/control-question', '/staff/people']) {
      await page.goto(`${server.base}${p}`);
      assert.equal(pathOf(page), '/settings', `${p} sends back to the settings`);
      assert.equal(new URL(page.url()).searchParams.get('required'), '1');
      assert.equal(await text(page, '#notice'), MUST_CHANGE);
    }

    // A wrong current password changes nothing; the right one does.
    const newPassword = 'Zaytsev-Novyi-2025';
    await changePassword(page, 'Не-тот-пароль-1', newPassword);
    assert.equal(await text(page, '#settings-error'), 'Текущий пароль указан неверно.');
    await page.goto(`${server.base}/main`);
    assert.equal(pathOf(page), '/settings', 'still to be changed');
    await page.goto(`${server.base}/settings`);
    await changePassword(page, slip.password, newPassword);
    assert.equal(pathOf(page), '/settings');
    assert.equal(await text(page, '#success'), PASSWORD_CHANGED);
    assert.equal(await page.locator('#notice').count(), 0, 'no more «смените пароль»');
    await page.goto(`${server.base}/main`);
    assert.equal(pathOf(page), '/main', 'the portal is open now');
    assert.equal(await text(page, '#profile-link'), ZAYTSEV.name);

    // Next time: the new password goes straight to /main; the temporary one is gone.
    const again = (await newBrowser()).page;
    await submitLogin(again, server, ZAYTSEV.school, ZAYTSEV.login, slip.password);
    await assertLoginRefused(again, WRONG_PASSWORD);
    await passwordSignIn(again, server, ZAYTSEV, newPassword);
    assert.equal(await again.locator('#notice').count(), 0);
    await admin.goto(`${server.base}/staff/card?account=${zaytsevId}`);
    assert.equal(await text(admin, '#password-state'), 'Пароль задан пользователем.');

    // Голубев gets a temporary password too, and does not use it for three days.
    const golubevId = await openCard(admin, 'Голубев', GOLUBEV.name);
    const expiring = await issueTemporaryPassword(admin);
    assert.equal(expiring.login, GOLUBEV.login);
    // Three days passing, in the database of the running server: the expiry moved to the
    // distant past (1970). The portal reads it at every sign-in, so no restart is needed.
    const db = databaseOf(server);
    const changed = sqlite(db,
      `UPDATE users SET temp_password_expires_at = 1 WHERE id = ${Number(golubevId)} AND login = '${GOLUBEV.login}'; ` +
      'SELECT changes();');
    assert.equal(changed, '1', `one account's temporary password expired (sqlite3 said «${changed}»)`);

    const late = (await newBrowser()).page;
    await submitLogin(late, server, GOLUBEV.school, expiring.login, expiring.password);
    await assertLoginRefused(late, TEMPORARY_EXPIRED, 'staff-temporary-expired.png');
    // A wrong password is still «wrong», not «expired»: the expiry is not told to a guesser.
    await submitLogin(late, server, GOLUBEV.school, GOLUBEV.login, 'Ugadal-li-2025');
    await assertLoginRefused(late, WRONG_PASSWORD);
    // The school sees why on the card.
    await admin.goto(`${server.base}/staff/card?account=${golubevId}`);
    assert.match(await text(admin, '#password-state'), /^Временный пароль истёк 01\.01\.1970 07:00 \(UTC\+7\)\.$/);
  }, { serverArgs: ['--time-zone', '+07:00'] });
});

// ---- Password recovery ---------------------------------------------------------------------

test('password recovery round trip with the letter read from a real SMTP server', async () => {
  await withPortal(async (server, newBrowser, sink) => {
    // Голубев (e-mail on his card) sets a control question first, in «Персональные настройки».
    const own = (await newBrowser()).page;
    await passwordSignIn(own, server, GOLUBEV);
    await clickAndWait(own, '#profile-link');
    assert.equal(pathOf(own), '/settings');
    assert.match(await text(own, '#control-question-state'), /Контрольный вопрос не задан/);
    assert.equal(await text(own, '#control-question'), 'Задать контрольный вопрос');
    await clickAndWait(own, '#control-question');
    assert.equal(pathOf(own), '/settings/control-question');
    const question = 'Кличка домашнего животного';
    await own.selectOption('#question', { label: question });
    await own.fill('#answer', 'Барсик');
    await clickAndWait(own, '#save-question');
    assert.equal(pathOf(own), '/main', `the question was accepted: ${await text(own, 'main')}`);
    await own.goto(`${server.base}/settings`);
    assert.match(await text(own, '#control-question-state'), /Контрольный вопрос задан/);

    // Another browser: «Восстановить пароль» on the login page.
    const page = (await newBrowser()).page;
    await page.goto(server.url);
    assert.equal(await text(page, '#recover'), 'Восстановить пароль');
    await clickAndWait(page, '#recover');
    assert.equal(pathOf(page), '/recover');
    assert.equal(await text(page, 'h1'), 'Восстановление пароля');
    await page.fill('#email', GOLUBEV.email);
    await clickAndWait(page, '#recover-submit');
    assert.equal(pathOf(page), '/recover');
    assert.match(await text(page, '#recover-sent'), /Ссылка действует 30 минут/);
    assert.equal(await page.locator('#recover-form').count(), 0);
    const sentPage = await text(page, 'main');
    await screenshot(page, 'staff-recover-sent.png');

    // An address nobody has: word for word the same answer (nothing tells whether it is known).
    const nobody = 'nikto.nigde@example.org';
    await page.goto(`${server.base}/recover`);
    await page.fill('#email', nobody);
    await clickAndWait(page, '#recover-submit');
    assert.equal(await text(page, 'main'), sentPage);

    // The letter, through SMTP.
    const letter = await sink.waitFor(
      (m) => m.to.includes(GOLUBEV.email) && m.subject === RECOVERY_SUBJECT, MAIL_WAIT_MS);
    assert.ok(letter.html.length > 0, 'the letter has a text/html part');
    assert.match(letter.text, new RegExp(`«${GOLUBEV.login}»`));
    assert.match(letter.text, /Гимназия № 1/);
    assert.match(letter.text, /30 минут/);
    const links = letter.text.match(/https?:\/\/\S+\/recover\/reset\?token=[A-Za-z0-9_-]+/g) || [];
    assert.equal(links.length, 1, `one reset link in the letter:\n${letter.text}`);
    const link = links[0];
    assert.equal(new URL(link).origin, server.base, 'the link leads to this portal');
    assert.match(new URL(link).searchParams.get('token'), /^[A-Za-z0-9_-]{43}$/);
    assert.ok(letter.html.includes(link.replace(/&/g, '&amp;')) || letter.html.includes(link),
      'the HTML part has the same link');

    // The link: the login, the control question; a wrong answer is counted.
    const response = await page.goto(link);
    assert.equal(response.status(), 200);
    assert.equal(await text(page, 'h1'), 'Новый пароль');
    assert.equal(await text(page, '#reset-login'), GOLUBEV.login);
    assert.equal(await text(page, 'label[for="answer"]'), `Контрольный вопрос: ${question}`);
    await screenshot(page, 'staff-recover-reset.png');
    const newPassword = 'Golubev-Novyi-2025';
    await page.fill('#answer', 'Мурзик');
    await page.fill('#new_password', newPassword);
    await page.fill('#repeat_password', newPassword);
    await clickAndWait(page, '#reset-submit');
    assert.match(await text(page, '#reset-error'), /^Ответ на контрольный вопрос неверен\. Осталось попыток: \d+\.$/);
    // The answer is compared ignoring case and extra spaces.
    await page.fill('#answer', '  барсик ');
    await page.fill('#new_password', newPassword);
    await page.fill('#repeat_password', newPassword);
    await clickAndWait(page, '#reset-submit');
    assert.equal(await text(page, 'h1'), 'Пароль изменён', `at ${page.url()}: ${await text(page, 'main')}`);
    assert.match(await text(page, 'p.message'), /Войдите с новым паролем/);
    await screenshot(page, 'staff-recover-done.png');

    // His session in the first browser has ended.
    await own.goto(`${server.base}/main`);
    assert.equal(pathOf(own), '/login', 'the other sessions were ended');

    // The old password no longer works; the new one does.
    await submitLogin(page, server, GOLUBEV.school, GOLUBEV.login, GOLUBEV.password);
    await assertLoginRefused(page, WRONG_PASSWORD);
    await passwordSignIn(page, server, GOLUBEV, newPassword);

    // The link works once.
    const reused = await page.goto(link);
    assert.equal(reused.status(), 410);
    assert.equal(await text(page, 'h1'), 'Ссылка недействительна');
    assert.equal(await page.locator('#reset-form').count(), 0);

    // Nothing was sent to the unknown address.
    assert.deepEqual(sink.messages().filter((m) => m.to.includes(nobody)).map((m) => m.subject), []);
    assert.equal(sink.messages().filter((m) => m.subject === RECOVERY_SUBJECT).length, 1);
  }, { mail: true });
});
