'use strict';
// Browser end-to-end tests of «Обратиться в организацию» (seed 004): a parent whom the
// school data do not know signs in through Gosuslugi, gets «Запись не найдена» and appeals to
// the school; the school's administrator resolves or rejects the appeal; the applicant gets a
// letter at each step — over real SMTP, into a local aiosmtpd (lib/smtp-sink.js) — and her
// next Gosuslugi sign-in shows the outcome.
//
// The persons come from docs/demo-data.md, «Persons for the ESIA emulator»: #21 Зайцева
// (not in the school data at all; her daughter Ульяна is, 1А of МАОУ "Гимназия № 1") and
// #18 Петрова (the school typed «Петрава»; her daughter Вероника is in 6Б of МОУ "Средняя
// школа № 17").
//
//   cd tests/e2e && node --test --test-concurrency=1 appeals.test.js

const { test } = require('node:test');
const assert = require('node:assert/strict');
const { screenshot } = require('./lib/server');
const {
  SCHOOLS, withPortal, pathOf, text, optionLabels, clickAndWait, choose, passwordSignIn, esiaSignIn,
} = require('./lib/portal');

const MAIL_WAIT_MS = 15000;
const APPEAL_NUMBER = /^А-\d{9}-\d{2}-\d{2}$/;  // Cyrillic «А»
const CREATED_SUBJECT = 'Успешно создан запрос получения доступа в систему';
const COMMENT = '<script>alert("x")</script> Прошу доступ';
const REASON = 'Фамилия в обращении не совпадает с документами. Подойдите в школу с паспортом.';

// Зайцева: only on Gosuslugi; appeals to Ульяна's school and class.
const ZAYTSEVA = {
  name: 'Зайцева Кристина Олеговна', birth: '15.06.1991', esia: 'zaytseva.ko@example.org',
  child: 'Зайцева Ульяна Романовна, 08.08.2019', childName: 'Зайцева Ульяна Романовна',
  appealTo: { type: 'Общеобразовательная', organization: 'МАОУ "Гимназия № 1" (г. Томск)', className: '1А' },
};
// Воронцова: administrator of МАОУ "Гимназия № 1".
const VORONTSOVA = {
  name: 'Воронцова Елена Михайловна', login: 'vorontsova.em', password: 'Admin-2025',
  school: SCHOOLS.tomskGym1,
};
// Петрова (Gosuslugi) / Петрава (school card): appeals to Вероника's school and class.
const PETROVA = {
  name: 'Петрова Светлана Олеговна', birth: '06.02.1986', esia: 'petrova.so@example.net',
  child: 'Петрова Вероника Игоревна, 15.09.2014',
  appealTo: { type: 'Общеобразовательная', organization: 'МОУ "Средняя школа № 17" (г. Волгоград)', className: '6Б' },
};
// Сорокин: administrator of МОУ "Средняя школа № 17".
const SOROKIN = {
  name: 'Сорокин Виталий Андреевич', login: 'sorokin.va', password: 'Admin-2025',
  school: SCHOOLS.volgograd17,
};

// ---- Helpers ------------------------------------------------------------------------------

async function assertNotFound(page) {
  assert.equal(await text(page, '#not-found'), 'Запись не найдена', `at ${page.url()}: ${await text(page, 'main')}`);
  assert.equal(await text(page, '#appeal'), 'Обратиться в организацию');
}

// «Запись не найдена» → «Обратиться в организацию» → the interstitial → «Продолжить» → the form.
async function openAppealForm(page) {
  await assertNotFound(page);
  await clickAndWait(page, '#appeal');
  assert.equal(pathOf(page), '/appeals/new');
  assert.equal(await text(page, '#appeal-intro'), 'Действительно ли у Вас есть проблема входа в систему через Госуслуги?');
  assert.equal(await text(page, '#back'), 'Вернуться');
  assert.equal(await text(page, '#continue'), 'Продолжить');
  await clickAndWait(page, '#continue');
  assert.equal(pathOf(page), '/appeals/form');
  assert.equal(await text(page, 'h1'), 'Форма подачи обращения');
}

// The applicant's facts come from Gosuslugi; the children too.
async function assertPrefilled(page, person) {
  assert.equal(await text(page, '#applicant-name'), person.name);
  assert.equal(await text(page, '#applicant-birth'), person.birth);
  assert.equal(await text(page, '#applicant-email'), person.esia);
  assert.equal(await text(page, '#applicant-role'), 'Родитель');
  const children = await optionLabels(page, '#child');
  assert.ok(children.includes(person.child), `#child offers «${person.child}»: ${JSON.stringify(children)}`);
  assert.equal(await page.locator('#no-email').count(), 0, 'the Gosuslugi profile has an e-mail');
  assert.equal(await page.isEnabled('#send'), true);
  assert.equal(await text(page, '#send'), 'Отправить');
  assert.equal(await text(page, '#exit'), 'Выйти');
}

// Child, Тип организации → Организация → Класс (the lists filled by /static/appeal.js), comment.
async function fillAppeal(page, person, comment) {
  await choose(page, '#child', person.child);
  await choose(page, '#type', person.appealTo.type);
  assert.equal(await page.$eval('#type', (s) => s.value), 'general');
  await choose(page, '#organization', person.appealTo.organization);
  await choose(page, '#class', person.appealTo.className);
  await page.fill('#comment', comment);
}

// «Отправить» → «Успешно создано обращение №…». Resolves to the number.
async function sendAppeal(page, person) {
  await clickAndWait(page, '#send');
  assert.equal(await page.locator('#form-error').count(), 0,
    `the form was accepted: ${await page.locator('main').innerText()}`);
  const number = await text(page, '#appeal-number');
  assert.match(number, APPEAL_NUMBER);
  assert.equal(await text(page, '#appeal-created'),
    `Успешно создано обращение №${number}. По результату его рассмотрения Вам будет отправлено ` +
    `уведомление на электронную почту ${person.esia}.`);
  return number;
}

// The school's list of appeals → the one with this number.
async function openStaffAppeal(page, number) {
  assert.equal(await text(page, '#staff-appeals'), 'Обращения в организацию');
  await clickAndWait(page, '#staff-appeals');
  assert.equal(pathOf(page), '/staff/appeals');
  assert.match(await page.getAttribute('#filter-new', 'class') || '', /\bactive\b/, 'the new appeals are shown first');
  const link = page.locator('#appeals a.appeal-link', { hasText: number });
  assert.equal(await link.count(), 1, `the list shows appeal ${number}: ${await text(page, '#appeals')}`);
  assert.match(await text(page, `#appeals tr:has(a.appeal-link:text-is("${number}"))`), /На рассмотрении/);
  await clickAndWait(page, `#appeals a.appeal-link:text-is("${number}")`);
  assert.equal(pathOf(page), '/staff/appeal');
  assert.equal(await text(page, '#appeal-number'), number);
  assert.equal(await text(page, '#appeal-status'), 'На рассмотрении');
}

function letterFor(person, subject) {
  return (m) => m.to.includes(person.esia) && m.subject === subject;
}

function assertMultipart(letter) {
  assert.ok(letter.text.length > 0, 'the letter has a text/plain part');
  assert.ok(letter.html.length > 0, 'the letter has a text/html part');
  assert.ok(letter.messageId, 'the letter has a Message-ID');
}

// ---- Resolved -----------------------------------------------------------------------------

test('appeal resolved: «Запись не найдена» → appeal → letter → the administrator creates the account → letter → signed in', async () => {
  await withPortal(async (server, newBrowser, sink) => {
    const { page } = await newBrowser();

    // Зайцева as parent: nobody in the school data → «Запись не найдена» → the form.
    const first = await esiaSignIn(page, server, 'parent', ZAYTSEVA);
    assert.ok(first.login && first.rights, 'the emulator asked for the password and the consent');
    await assertNotFound(page);
    assert.equal(await page.locator('#previous-appeals').count(), 0, 'no appeals yet');
    await openAppealForm(page);
    await assertPrefilled(page, ZAYTSEVA);
    await fillAppeal(page, ZAYTSEVA, COMMENT);
    await screenshot(page, 'appeal-form.png');
    const number = await sendAppeal(page, ZAYTSEVA);
    assert.equal(await page.locator('#appeal-again').count(), 0, 'a new appeal');
    await screenshot(page, 'appeal-created.png');

    // «Назад» and «Отправить» once more: the same appeal, not a second one.
    await page.goBack();
    assert.equal(pathOf(page), '/appeals/form');
    // Chromium restores the chosen «Тип организации» on the way back, but /static/appeal.js
    // fills «Организация» only on a change of the type, so the list stays empty («Сначала
    // выберите тип организации») until the type is chosen again, as a user would have to.
    await page.selectOption('#type', '');
    await fillAppeal(page, ZAYTSEVA, COMMENT);
    await clickAndWait(page, '#send');
    assert.equal(await text(page, '#appeal-number'), number, 'the same number the second time');
    assert.equal(await text(page, '#appeal-again'),
      'Такое обращение уже подано и ожидает рассмотрения — второе не создаётся.');

    // The letter about the new appeal, with its number.
    const created = await sink.waitFor(letterFor(ZAYTSEVA, CREATED_SUBJECT), MAIL_WAIT_MS);
    assertMultipart(created);
    assert.match(created.text, new RegExp(`Вашему обращению присвоен номер ${number}`));
    assert.match(created.text, /МАОУ "Гимназия № 1"/);
    assert.match(created.html, new RegExp(number));

    // The Gymnasium's administrator, in a browser of her own.
    const admin = (await newBrowser()).page;
    const dialogs = [];
    admin.on('dialog', (d) => {
      dialogs.push(d.message());
      d.dismiss().catch(() => {});
    });
    await passwordSignIn(admin, server, VORONTSOVA);
    await openStaffAppeal(admin, number);
    assert.equal(await text(admin, '#applicant-name'), ZAYTSEVA.name);
    assert.equal(await text(admin, '#applicant-child'), ZAYTSEVA.child);
    assert.equal(await text(admin, '#appeal-role'), 'Родитель');
    assert.equal(await text(admin, '#appeal-class'), ZAYTSEVA.appealTo.className);
    // The comment is shown as the applicant typed it: markup as text, never run.
    assert.equal(await text(admin, '#appeal-comment'), COMMENT);
    assert.equal(await admin.locator('#appeal-comment script').count(), 0, 'no script element in the comment');
    assert.deepEqual(dialogs, [], 'no dialog fired');
    // Nobody in the Gymnasium is her: no candidate to link; the account is created.
    const candidates = await text(admin, '#candidates');
    assert.doesNotMatch(candidates, /Кристина/, 'she is not among the school users');
    assert.equal(await text(admin, '#create-account'), 'Создать учётную запись');
    await screenshot(admin, 'appeal-staff.png');
    await clickAndWait(admin, '#create-account');
    assert.equal(pathOf(admin), '/staff/appeal');
    assert.equal(await text(admin, '#flash'), 'Обращение решено: заявителю отправлено письмо.');
    assert.equal(await text(admin, '#appeal-status'), 'Проблема решена');
    assert.equal(await admin.locator('#create-account').count(), 0, 'decided: no more decisions');
    assert.equal(await admin.locator('#reject').count(), 0);
    assert.deepEqual(dialogs, [], 'no dialog fired');
    await screenshot(admin, 'appeal-staff-resolved.png');

    // The letter about the resolution.
    const resolved = await sink.waitFor(letterFor(ZAYTSEVA, `Обращение №${number}: проблема решена`), MAIL_WAIT_MS);
    assertMultipart(resolved);
    assert.match(resolved.text, new RegExp(`Обращение №${number} рассмотрено: проблема решена`));
    assert.equal(sink.messages().filter(letterFor(ZAYTSEVA, CREATED_SUBJECT)).length, 1,
      'one letter about the new appeal: the second «Отправить» sent none');

    // In the list the appeal has moved to «Решённые».
    await admin.goto(`${server.base}/staff/appeals`);
    assert.equal(await admin.locator('#appeals a.appeal-link', { hasText: number }).count(), 0,
      'no longer among the new appeals');
    await clickAndWait(admin, '#filter-resolved');
    assert.equal(await admin.locator('#appeals a.appeal-link', { hasText: number }).count(), 1,
      `among the resolved: ${await text(admin, '#appeals')}`);

    // Зайцева through Gosuslugi again: signed in, with her daughter.
    await esiaSignIn(page, server, 'parent', ZAYTSEVA);
    assert.equal(pathOf(page), '/main', `signed in (at ${page.url()}): ${await text(page, 'main')}`);
    assert.equal(await text(page, '#profile-link'), ZAYTSEVA.name);
    assert.match(await text(page, '#roles'), /Родитель/);
    assert.match(await text(page, '#organization'), /Гимназия № 1/);
    assert.match(await text(page, '#children'), new RegExp(ZAYTSEVA.childName));
    await screenshot(page, 'appeal-signed-in.png');
  }, { mail: true });
});

// ---- Rejected -----------------------------------------------------------------------------

test('appeal rejected: the administrator gives a reason; the letter carries it; «Запись не найдена» lists the appeal as «Отклонено»', async () => {
  await withPortal(async (server, newBrowser, sink) => {
    const { page } = await newBrowser();

    // Петрова as parent: the school typed «Петрава» → «Запись не найдена» → the form.
    await esiaSignIn(page, server, 'parent', PETROVA);
    await openAppealForm(page);
    await assertPrefilled(page, PETROVA);
    await fillAppeal(page, PETROVA, 'Моя фамилия Петрова, в журнале написано Петрава.');
    const number = await sendAppeal(page, PETROVA);
    const created = await sink.waitFor(letterFor(PETROVA, CREATED_SUBJECT), MAIL_WAIT_MS);
    assert.match(created.text, new RegExp(`Вашему обращению присвоен номер ${number}`));

    // The school's administrator sees her card with the typo among the candidates, and rejects.
    const admin = (await newBrowser()).page;
    await passwordSignIn(admin, server, SOROKIN);
    await openStaffAppeal(admin, number);
    assert.equal(await text(admin, '#applicant-name'), PETROVA.name);
    assert.equal(await text(admin, '#appeal-class'), PETROVA.appealTo.className);
    const petrava = admin.locator('#candidates tr', { hasText: 'Петрава' });
    assert.equal(await petrava.count(), 1, `her card is a candidate: ${await text(admin, '#candidates')}`);
    assert.equal(await petrava.locator('.link-account').count(), 1);
    assert.equal(await petrava.locator('.fix-card').count(), 1);
    await admin.fill('#reason', REASON);
    await screenshot(admin, 'appeal-staff-reject.png');
    await clickAndWait(admin, '#reject');
    assert.equal(pathOf(admin), '/staff/appeal');
    assert.equal(await text(admin, '#flash'), 'Обращение отклонено: заявителю отправлено письмо с причиной.');
    assert.equal(await text(admin, '#appeal-status'), `Отклонено: ${REASON}`);
    assert.equal(await admin.locator('#reject').count(), 0, 'decided: no more decisions');
    await screenshot(admin, 'appeal-staff-rejected.png');

    // The letter with the reason.
    const rejected = await sink.waitFor(letterFor(PETROVA, `Обращение №${number} отклонено`), MAIL_WAIT_MS);
    assertMultipart(rejected);
    assert.ok(rejected.text.includes(`Причина: ${REASON}`), `the letter gives the reason:\n${rejected.text}`);

    // Her next Gosuslugi sign-in: still «Запись не найдена», her appeal listed as rejected.
    await esiaSignIn(page, server, 'parent', PETROVA);
    await assertNotFound(page);
    const row = page.locator('#previous-appeals tr', { hasText: number });
    assert.equal(await row.count(), 1, `the appeal is listed: ${await page.locator('main').innerText()}`);
    const cells = (await row.locator('td').allInnerTexts()).map((s) => s.trim());
    assert.equal(cells[0], number);
    assert.match(cells[1], /Средняя школа № 17/);
    assert.match(cells[2], /^Отклонено/);
    assert.ok(cells[2].includes(REASON), `the reason is shown: ${cells[2]}`);
    await screenshot(page, 'appeal-not-found-rejected.png');
  }, { mail: true });
});
