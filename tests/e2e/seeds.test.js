'use strict';
// Browser end-to-end tests of the user instructions shared/seeds/000–004 (signing in through
// Gosuslugi and linking accounts), walked in a real headless Chromium against `netcity demo`
// and its ESIA emulator. Each seed gets a portal of its own, so links made by one seed do not
// leak into another.
//
// The persons come from docs/demo-data.md, «Persons for the ESIA emulator»: who matches a
// school card exactly and who deliberately does not. The demo's cut-off date for
// self-linking is 17.03.2025, so today parents and students can no longer link themselves
// («Привязать учетную запись» refuses, «Персональные настройки» offer no link but say who
// links them); staff still can.
//
//   cd tests/e2e && node --test --test-concurrency=1 seeds.test.js

const { test } = require('node:test');
const assert = require('node:assert/strict');
const { screenshot } = require('./lib/server');
const {
  SCHOOLS, withPortal, pathOf, originOf, text, selectedLabel, optionLabels, clickAndWait,
  chooseSchool, submitSchoolLogin, passwordSignIn, startEsia, passEmulator, esiaSignIn,
} = require('./lib/portal');

const LINKED = 'Пользователь успешно привязан к учетной записи портала Госуслуг';
// Seed 001: «…доступна до 17.03.2025. С 17.03.2025 привязка учётной записи Госуслуг возможна
// только администратором/классным руководителем…» — the demo's cut-off date.
const CUT_OFF_DATE = '17.03.2025';
const SELF_LINK_CLOSED = [
  `Возможность самостоятельной привязки учётной записи Госуслуг с помощью логина и пароля АИС СГО была доступна до ${CUT_OFF_DATE}.`,
  `С ${CUT_OFF_DATE} привязка учётной записи Госуслуг возможна только администратором/классным руководителем образовательной организации после заполнения личной карточки родителя/ученика.`,
  'Обратитесь к классному руководителю или администратору вашей образовательной организации: когда ваша личная карточка будет заполнена, вход через Госуслуги свяжет учётные записи сам.',
];
// Seed 004, word for word.
const FOR_REFERENCE = 'Для справки: если при авторизации через Госуслуги система сообщает, что Запись не найдена, это значит, что нет полного совпадения личных данных в Сетевом городе и на Госуслугах. При полном совпадении система найдет Вас и произойдет автоматическая привязка учетных записей. Учетная запись на Госуслугах должна быть подтвержденной.';

// Persons of the demo (docs/demo-data.md): the school login and the Gosuslugi login.
// Широков: teacher; his card has another SNILS than Gosuslugi → never matched automatically.
const SHIROKOV = {
  name: 'Широков Валерий Дмитриевич', login: 'shirokov.vd', password: 'Uchitel-2025',
  esia: 'shirokov.vd@example.org', school: SCHOOLS.kholmsk9,
};
// Коваленко: parent; no SNILS on her card → not matched; a parent, so the cut-off applies.
const KOVALENKO = {
  name: 'Коваленко Татьяна Юрьевна', login: 'kovalenko.ty', password: 'Roditel-2025',
  esia: 'kovalenko.ty@example.org', school: SCHOOLS.tomskGym1,
};
// Ткаченко: teacher (and parent) in МБОУ "Школа № 5", full match; the only person with SMS.
const TKACHENKO = { name: 'Ткаченко Андрей Сергеевич', esia: 'tkachenko.as@example.org', oid: '1000300002' };
// Захарова: administrator of МБОУ "Школа № 5", full match.
const ZAKHAROVA = { name: 'Захарова Ирина Николаевна', esia: 'zakharova.in@example.org' };
// Лебедева: parent with a login in two schools; both cards match Gosuslugi exactly.
const LEBEDEVA = { name: 'Лебедева Анна Сергеевна', esia: 'lebedeva.as@example.org' };
// Соколова: teacher of МАОУ "Гимназия № 1".
const SOKOLOVA = {
  name: 'Соколова Ольга Викторовна', login: 'sokolova.ov', password: 'Uchitel-2025',
  esia: 'sokolova.ov@example.org', school: SCHOOLS.tomskGym1,
};
// Петрава: parent; the school typed «Петрава», Gosuslugi has «Петрова».
const PETRAVA = {
  name: 'Петрава Светлана Олеговна', login: 'petrava.so', password: 'Roditel-2025',
  esia: 'petrova.so@example.net', school: SCHOOLS.volgograd17,
};
// Воробьёва: data match, but her Gosuslugi account is not confirmed.
const VOROBEVA = { esia: 'vorobeva.ia@example.org' };

// ---- Helpers ------------------------------------------------------------------------------

// The seed-001 text that says who links parents and students after the cut-off.
async function assertSelfLinkClosed(page) {
  const paragraphs = (await page.locator('#self-link-closed p').allInnerTexts()).map((p) => p.trim());
  assert.deepEqual(paragraphs, SELF_LINK_CLOSED);
}

// A self-link refused after the cut-off.
async function assertCutOffPage(page) {
  assert.equal(await text(page, 'h1'), 'Привязка недоступна', `at ${page.url()}`);
  await assertSelfLinkClosed(page);
}

async function assertMessagePage(page, heading, message) {
  assert.equal(await text(page, 'h1'), heading);
  assert.match(await text(page, 'p.message'), message);
}

// «Выход» on /main → «Вы вышли из системы»; `esiaToo` also leaves Gosuslugi (the emulator
// sends the browser back to the portal's login page); otherwise «Войти снова».
async function signOut(page, server, { esiaToo = false } = {}) {
  await clickAndWait(page, '#logout');
  assert.equal(pathOf(page), '/esia/logged-out');
  assert.equal(await text(page, 'h1'), 'Вы вышли из системы');
  await clickAndWait(page, esiaToo ? '#esia-logout' : '#login-again');
  assert.equal(page.url(), server.url, 'back on the portal login page');
  await page.goto(`${server.base}/main`);
  assert.equal(pathOf(page), '/login', 'the portal session is over');
}

// ---- seed 000: linking in «Персональные настройки» ----------------------------------------

test('seed 000: link Gosuslugi from personal settings (staff); a parent gets the cut-off refusal', async () => {
  await withPortal(async (server, newBrowser) => {
    const { page } = await newBrowser();

    // Before linking, Gosuslugi knows no portal user for Широков (his card has another SNILS):
    // this is why he links by hand.
    await passwordSignIn(page, server, SHIROKOV);
    await screenshot(page, 'seed000-main.png');

    // «ФИО» in the top corner → «Персональные настройки» → «Привязать учетную запись портала Госуслуг».
    await clickAndWait(page, '#profile-link');
    assert.equal(pathOf(page), '/settings');
    assert.equal(await text(page, 'h1'), 'Персональные настройки');
    assert.equal(await text(page, '#esia-link'), 'Привязать учетную запись портала Госуслуг');
    assert.equal(await page.locator('#esia-unlink').count(), 0, 'nothing to unlink yet');
    await screenshot(page, 'seed000-settings.png');
    await clickAndWait(page, '#esia-link');
    assert.equal(pathOf(page), '/settings/esia/link');
    assert.equal(await text(page, '#redirect-notice'),
      'Сейчас вы будете перенаправлены на страницу авторизации учетной записи портала Госуслуг, ' +
      'для привязки вашего профиля к учетной записи портала Госуслуг');
    assert.equal(await text(page, '#continue'), 'Продолжить');
    await screenshot(page, 'seed000-notice.png');

    // «Продолжить» → Gosuslugi: login, consent → back with the success message.
    await clickAndWait(page, '#continue');
    assert.equal(originOf(page), server.sim, 'redirected to the Gosuslugi sign-in');
    const seen = await passEmulator(page, server, SHIROKOV,
      { shots: { login: 'seed000-esia-login.png', consent: 'seed000-esia-consent.png' } });
    assert.ok(seen.login, 'the emulator asked for the Gosuslugi password');
    assert.ok(seen.rights && seen.rights.includes('Проведение входа в систему'));
    assert.equal(pathOf(page), '/settings');
    assert.equal(new URL(page.url()).searchParams.get('esia'), 'linked');
    assert.equal(await text(page, '#success'), LINKED);
    assert.equal(await text(page, '#esia-unlink'), 'Удалить связь с учетной записью портала гос.услуг');
    assert.equal(await page.locator('#esia-link').count(), 0);
    await screenshot(page, 'seed000-linked.png');

    // Sign out of both, then «Войти через госуслуги» as staff: straight in, no «Запись не найдена».
    await signOut(page, server, { esiaToo: true });
    await startEsia(page, server, 'staff');
    const again = await passEmulator(page, server, SHIROKOV);
    assert.ok(again.login, 'signed out of Gosuslugi too: the password is asked again');
    assert.equal(pathOf(page), '/main', 'signed in through Gosuslugi');
    assert.equal(await text(page, '#profile-link'), SHIROKOV.name);
    assert.match(await text(page, '#roles'), /Педагог/);
    assert.match(await text(page, '#organization'), /СОШ № 9 г\. Холмска/);
    assert.equal(await page.locator('#flash').count(), 0, 'no new link this time');
    await screenshot(page, 'seed000-esia-signin.png');

    // A parent after the cut-off date: the settings offer no self-link that would be refused,
    // but say who links her. The link page opened by its address says the same, without
    // sending her to Gosuslugi, and nothing is linked.
    const parent = (await newBrowser()).page;
    await passwordSignIn(parent, server, KOVALENKO);
    await clickAndWait(parent, '#profile-link');
    assert.equal(await text(parent, 'h1'), 'Персональные настройки');
    assert.equal(await parent.locator('#esia-link').count(), 0, 'no «Привязать…» for a parent after the cut-off');
    await assertSelfLinkClosed(parent);
    await screenshot(parent, 'seed000-parent-settings-cutoff.png');
    await parent.goto(`${server.base}/settings/esia/link`);
    assert.equal(await parent.locator('#redirect-notice').count(), 0, 'not sent to Gosuslugi');
    await assertCutOffPage(parent);
    await screenshot(parent, 'seed000-parent-cutoff.png');
    await parent.goto(`${server.base}/settings`);
    assert.equal(pathOf(parent), '/settings', 'the parent is still signed in');
    assert.equal(await parent.locator('#esia-unlink').count(), 0, 'still not linked');
    await assertSelfLinkClosed(parent);
  });
});

// ---- seed 001: staff, Gosuslugi first ----------------------------------------------------

test('seed 001: staff sign in through Gosuslugi, «Запись не найдена», «Привязать учетную запись»', async () => {
  await withPortal(async (server, newBrowser) => {
    const { page } = await newBrowser();

    // 1. «Педагоги и сотрудники».
    await startEsia(page, server, 'staff', 'seed001-role.png');
    assert.equal(originOf(page), server.sim, 'on to Gosuslugi');

    // 2–3. Gosuslugi: login and the consent page with the rights.
    const seen = await passEmulator(page, server, SHIROKOV,
      { shots: { login: 'seed001-esia-login.png', consent: 'seed001-esia-consent.png' } });
    assert.ok(seen.login);
    assert.equal(seen.sms, false, 'no SMS step for this person');
    assert.ok(seen.rights, 'the consent page was shown');
    for (const right of ['Проведение входа в систему', 'Просмотр вашей фамилии, имени и отчества',
      'Просмотр даты вашего рождения', 'Просмотр вашего СНИЛС']) {
      assert.ok(seen.rights.includes(right), `«${right}» is asked for: ${JSON.stringify(seen.rights)}`);
    }
    assert.ok(!seen.rights.some((r) => /ребёнка/.test(r)), 'staff are not asked about children');

    // 4. Not linked yet and no automatic match (SNILS differs) → «Запись не найдена».
    assert.equal(pathOf(page), '/esia/callback');
    assert.equal(await text(page, '#not-found'), 'Запись не найдена');
    assert.equal(await text(page, '#link-account'), 'Привязать учетную запись');
    await screenshot(page, 'seed001-not-found.png');

    // 5. «Привязать учетную запись»: the organization, the school login and password, «Войти».
    await clickAndWait(page, '#link-account');
    assert.equal(pathOf(page), '/esia/link');
    assert.equal(await text(page, 'h1'), 'Привязать учетную запись');
    assert.equal(await page.locator('#esia').count(), 0, 'no «Войти через госуслуги» while linking');
    await submitSchoolLogin(page, SHIROKOV.school, SHIROKOV.login, 'Wrong-Password-1');
    assert.equal(await text(page, '#login-error'), 'Неверное имя пользователя или пароль.');
    assert.equal(await text(page, 'h1'), 'Привязать учетную запись', 'still linking after a wrong password');
    assert.equal(await selectedLabel(page, '#organization'), SHIROKOV.school.organization, 'the school is kept');
    await page.fill('#login', SHIROKOV.login);
    await page.fill('#password', SHIROKOV.password);
    assert.equal(await text(page, '#submit'), 'Войти');
    await screenshot(page, 'seed001-link.png');
    await clickAndWait(page, '#submit');
    assert.equal(pathOf(page), '/main', 'signed in after linking');
    assert.equal(new URL(page.url()).searchParams.get('notice'), 'linked');
    assert.equal(await text(page, '#flash'), LINKED);
    assert.equal(await text(page, '#profile-link'), SHIROKOV.name);
    assert.match(await text(page, '#roles'), /Педагог/);
    assert.match(await text(page, '#organization'), /СОШ № 9 г\. Холмска/);
    await screenshot(page, 'seed001-main.png');

    // The link shows in the settings.
    await clickAndWait(page, '#profile-link');
    assert.equal(await text(page, '#esia-unlink'), 'Удалить связь с учетной записью портала гос.услуг');
    await clickAndWait(page, 'a[href="/main"]');

    // A second sign-in through Gosuslugi goes straight in (still signed in at Gosuslugi,
    // the rights already given: no emulator page at all).
    await signOut(page, server);
    await startEsia(page, server, 'staff');
    const again = await passEmulator(page, server, SHIROKOV);
    assert.deepEqual(again, { login: false, sms: false, rights: null }, 'no Gosuslugi page the second time');
    assert.equal(pathOf(page), '/main');
    assert.equal(await text(page, '#profile-link'), SHIROKOV.name);
    assert.equal(await page.locator('#flash').count(), 0);
  });
});

// ---- seed 002: full match -----------------------------------------------------------------

test('seed 002: full match links automatically; two matching accounts → «Выберите пользователя»', async (t) => {
  await withPortal(async (server, newBrowser) => {
    const { page } = await newBrowser();

    // Ткаченко as staff: password, SMS code (two-factor), consent → linked and signed in.
    await startEsia(page, server, 'staff');
    const seen = await passEmulator(page, server, TKACHENKO,
      { oid: TKACHENKO.oid, shots: { sms: 'seed002-esia-sms.png', consent: 'seed002-esia-consent.png' } });
    assert.ok(seen.login && seen.sms && seen.rights, 'password, SMS code and consent were asked');
    assert.equal(pathOf(page), '/main');
    assert.equal(new URL(page.url()).searchParams.get('notice'), 'linked');
    assert.equal(await text(page, '#flash'), LINKED);
    assert.equal(await text(page, '#profile-link'), TKACHENKO.name);
    assert.match(await text(page, '#roles'), /Педагог/);
    assert.doesNotMatch(await text(page, '#roles'), /Родитель/, 'the teacher account, not the parent one');
    assert.match(await text(page, '#organization'), /Школа № 5/);
    await screenshot(page, 'seed002-main-linked.png');

    // «Выход», «Войти снова», «Войти через госуслуги» again: signed in at once, no new link.
    await signOut(page, server);
    await startEsia(page, server, 'staff');
    const again = await passEmulator(page, server, TKACHENKO, { oid: TKACHENKO.oid });
    assert.deepEqual(again, { login: false, sms: false, rights: null });
    assert.equal(pathOf(page), '/main');
    assert.equal(await text(page, '#profile-link'), TKACHENKO.name);
    assert.equal(await page.locator('#flash').count(), 0);
    await screenshot(page, 'seed002-main-again.png');

    // Лебедева as parent: both her parent accounts (Гимназия № 1, Томск, and СОШ № 80,
    // Северск) match → «Выберите пользователя» → the second school → «Продолжить».
    const lebedeva = (await newBrowser()).page;
    await startEsia(lebedeva, server, 'parent');
    const parentSeen = await passEmulator(lebedeva, server, LEBEDEVA);
    assert.ok(parentSeen.rights.includes('Просмотр фамилии, имени, отчества (при наличии) ребёнка'),
      'a parent is asked about the children');
    assert.equal(await text(lebedeva, 'h1'), 'Выберите пользователя');
    const rows = await lebedeva.$$eval('#choose-form tr:has(input[name=account])',
      (trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).slice(1).map((td) => td.textContent.trim())));
    assert.deepEqual(rows.map((r) => r[0]).sort(), ['МАОУ "Гимназия № 1"', 'МБОУ "СОШ № 80"']);
    for (const r of rows) assert.deepEqual(r.slice(1), ['Родитель', LEBEDEVA.name]);
    assert.equal(await lebedeva.locator('input[name=account]:checked').count(), 1, 'one is chosen already');
    assert.equal(await text(lebedeva, '#continue'), 'Продолжить');
    await lebedeva.check('#choose-form tr:has-text("СОШ № 80") input[name=account]');
    await screenshot(lebedeva, 'seed002-choose.png');
    await clickAndWait(lebedeva, '#continue');
    assert.equal(pathOf(lebedeva), '/main');
    assert.equal(await text(lebedeva, '#profile-link'), LEBEDEVA.name);
    assert.match(await text(lebedeva, '#organization'), /СОШ № 80/);
    assert.match(await text(lebedeva, '#children'), /Лебедева Вера Дмитриевна/);
    await screenshot(lebedeva, 'seed002-main-chosen.png');
    await t.test('the link made by choosing is announced like an automatic one', async () => {
      assert.equal(new URL(lebedeva.url()).searchParams.get('notice'), 'linked');
      assert.equal(await text(lebedeva, '#flash'), LINKED);
    });

    // Seed 002, step 8: «Выход», then through Gosuslugi again → «Выберите пользователя» →
    // «Продолжить». Both of her accounts still match her Gosuslugi data.
    await signOut(lebedeva, server);
    await startEsia(lebedeva, server, 'parent');
    assert.deepEqual(await passEmulator(lebedeva, server, LEBEDEVA), { login: false, sms: false, rights: null });
    await screenshot(lebedeva, 'seed002-second-signin.png');
    await t.test('the second sign-in offers both schools again', async () => {
      assert.equal(await text(lebedeva, 'h1'), 'Выберите пользователя');
      await lebedeva.check('#choose-form tr:has-text("Гимназия № 1") input[name=account]');
      await clickAndWait(lebedeva, '#continue');
      assert.equal(pathOf(lebedeva), '/main');
      assert.match(await text(lebedeva, '#organization'), /Гимназия № 1/);
      assert.match(await text(lebedeva, '#children'), /Лебедев Егор Дмитриевич/);
    });
  });
});

test('seed 002, step 7: the control question at the first Gosuslugi sign-in, where required', async () => {
  await withPortal(async (server, newBrowser) => {
    const { page } = await newBrowser();
    await startEsia(page, server, 'staff');
    await passEmulator(page, server, ZAKHAROVA);
    assert.equal(pathOf(page), '/settings/control-question', 'linked, then asked for a control question');
    assert.equal(await text(page, 'h1'), 'Контрольный вопрос');
    const questions = await optionLabels(page, '#question');
    assert.ok(questions.includes('Кличка домашнего животного'), JSON.stringify(questions));
    assert.equal(await text(page, '#save-question'), 'Продолжить');

    // Nothing chosen: the page says so and asks again.
    await page.fill('#answer', 'Барсик');
    await clickAndWait(page, '#save-question');
    assert.equal(await text(page, '#question-error'), 'Выберите контрольный вопрос или напишите свой.');
    await page.selectOption('#question', { label: 'Кличка домашнего животного' });
    await page.fill('#answer', 'Барсик');
    await screenshot(page, 'seed002-control-question.png');
    await clickAndWait(page, '#save-question');
    assert.equal(pathOf(page), '/main');
    assert.equal(await text(page, '#profile-link'), ZAKHAROVA.name);
    assert.match(await text(page, '#roles'), /Администратор/);
    assert.match(await text(page, '#organization'), /Школа № 5/);

    // Asked once: the next sign-in through Gosuslugi goes straight to the main page.
    await signOut(page, server);
    await startEsia(page, server, 'staff');
    assert.deepEqual(await passEmulator(page, server, ZAKHAROVA), { login: false, sms: false, rights: null });
    assert.equal(pathOf(page), '/main');
    assert.equal(await text(page, '#profile-link'), ZAKHAROVA.name);
  }, { serverArgs: ['--esia-control-question', 'true'] });
});

// ---- seed 003: the login page, linking and unlinking in the settings --------------------

test('seed 003: login page texts; settings «Привязать…» becomes «Удалить связь…» and back', async () => {
  await withPortal(async (server, newBrowser) => {
    const { page } = await newBrowser();
    await page.goto(server.url);
    assert.match(await text(page, 'header'), /Сетевой Город\. Образование/);
    assert.equal(await text(page, '#tab-school'), 'Образовательная организация');
    assert.equal(await text(page, '#tab-authority'), 'Управление образованием');
    const labels = (await page.locator('label').allInnerTexts()).map((s) => s.trim());
    assert.deepEqual(labels, ['Регион', 'Муниципальный район', 'Город/посёлок', 'Тип ОО',
      'Образовательная организация', 'Пользователь', 'Пароль']);
    assert.equal(await text(page, '#submit'), 'Войти');
    assert.equal(await text(page, '#recover'), 'Восстановить пароль');
    assert.equal(await text(page, '#esia'), 'Войти через госуслуги');
    await chooseSchool(page, SOKOLOVA.school);
    await screenshot(page, 'seed003-login.png');

    // Signed in with the school login and password, the name leads to the settings.
    await passwordSignIn(page, server, SOKOLOVA);
    await clickAndWait(page, '#profile-link');
    assert.equal(await text(page, '#esia-link'), 'Привязать учетную запись портала Госуслуг');
    await clickAndWait(page, '#esia-link');
    assert.match(await text(page, '#redirect-notice'), /^Сейчас вы будете перенаправлены/);
    await clickAndWait(page, '#continue');
    await passEmulator(page, server, SOKOLOVA);
    assert.equal(pathOf(page), '/settings');
    assert.equal(await text(page, '#success'), LINKED);
    assert.equal(await text(page, '#esia-unlink'), 'Удалить связь с учетной записью портала гос.услуг');
    assert.equal(await page.locator('#esia-link').count(), 0, 'the link button is replaced');
    await screenshot(page, 'seed003-settings-linked.png');

    // «Удалить связь…» → confirmation → the link button is back.
    await clickAndWait(page, '#esia-unlink');
    assert.equal(pathOf(page), '/settings/esia/unlink');
    assert.equal(await text(page, 'h1'), 'Удалить связь с учетной записью портала гос.услуг');
    await screenshot(page, 'seed003-unlink-confirm.png');
    await clickAndWait(page, '#confirm-unlink');
    assert.equal(pathOf(page), '/settings');
    assert.equal(new URL(page.url()).searchParams.get('esia'), 'unlinked');
    assert.equal(await text(page, '#success'), 'Связь с учетной записью портала гос.услуг удалена');
    assert.equal(await text(page, '#esia-link'), 'Привязать учетную запись портала Госуслуг');
    assert.equal(await page.locator('#esia-unlink').count(), 0);
    await screenshot(page, 'seed003-settings-unlinked.png');
  });
});

// ---- seed 004: «Запись не найдена» for a parent -------------------------------------------

test('seed 004: a parent who does not match: «Запись не найдена», its three buttons; unconfirmed account', async () => {
  await withPortal(async (server, newBrowser) => {
    const { page } = await newBrowser();

    // The role page: «Ребенок», as the seed calls the child's role, and the seed's warning
    // about whose Gosuslugi account to use.
    await page.goto(`${server.base}/esia/start`);
    assert.equal(await text(page, '#role-student'), 'Ребенок (обучающийся)');
    const notice = (await page.locator('#role-notice p').allInnerTexts()).map((p) => p.trim());
    assert.equal(notice[0], 'ВНИМАНИЕ! Если вы входите в систему с ролью «Родитель», то при авторизации используйте свою учетную запись Госуслуг.');
    assert.equal(notice[1], 'Если осуществляется вход в систему с ролью «Ребенок», то при авторизации необходимо использовать созданную детскую учетную запись на портале Госуслуг.');
    await screenshot(page, 'seed004-role.png');

    // Петрава as parent: the surname on her card has a typo → «Запись не найдена».
    await startEsia(page, server, 'parent');
    const first = await passEmulator(page, server, PETRAVA);
    assert.ok(first.login && first.rights);
    async function assertNotFound() {
      assert.equal(pathOf(page), '/esia/callback');
      assert.match(await page.title(), /^Запись не найдена/);
      assert.equal((await page.locator('p.muted').first().innerText()).trim(), 'Сообщение системы');
      assert.equal(await text(page, '#not-found'), 'Запись не найдена');
      const body = await text(page, 'main');
      assert.match(body, /С выбранной учётной записью портала Госуслуг не связан ни один пользователь системы/);
      assert.match(body, /Перейдите на страницу «Привязать учетную запись» и следуйте дальнейшим инструкциям или нажмите «Выход» для выбора другого способа авторизации\./);
      assert.equal(await text(page, '#link-account'), 'Привязать учетную запись');
      assert.equal(await text(page, '#appeal'), 'Обратиться в организацию');
      assert.equal(await text(page, '#exit'), 'Выход');
      const buttons = await page.$$eval('.actions a', (as) => as.map((a) => a.id));
      assert.deepEqual(buttons, ['appeal', 'link-account', 'exit'], 'the buttons in the seed\'s order');
      assert.equal(await text(page, '#for-reference'), FOR_REFERENCE);
    }
    await assertNotFound();
    await screenshot(page, 'seed004-not-found.png');

    // «Привязать учетную запись»: after 17.03.2025 a parent cannot link herself.
    await clickAndWait(page, '#link-account');
    assert.equal(await text(page, 'h1'), 'Привязать учетную запись');
    await submitSchoolLogin(page, PETRAVA.school, PETRAVA.login, PETRAVA.password);
    await assertCutOffPage(page);
    await screenshot(page, 'seed004-link-cutoff.png');

    // Back to the login page and through Gosuslugi again (still signed in there, the rights
    // given): straight to «Запись не найдена» → «Обратиться в организацию».
    await clickAndWait(page, 'a[href="/login"]');
    await startEsia(page, server, 'parent');
    assert.deepEqual(await passEmulator(page, server, PETRAVA), { login: false, sms: false, rights: null });
    await assertNotFound();
    await clickAndWait(page, '#appeal');
    assert.equal(pathOf(page), '/appeals/new');
    assert.equal(await text(page, '#appeal-intro'),
      'Действительно ли у Вас есть проблема входа в систему через Госуслуги?');
    await clickAndWait(page, '#continue');
    assert.equal(pathOf(page), '/appeals/form');
    assert.match(await text(page, 'h1'), /Форма подачи обращения/);
    await screenshot(page, 'seed004-appeal.png');

    // Once more, and «Выход»: out of Gosuslugi and back to the portal's login page.
    await esiaSignIn(page, server, 'parent', PETRAVA);
    await assertNotFound();
    const exitRequests = [];
    const onRequest = (r) => { if (r.isNavigationRequest()) exitRequests.push(new URL(r.url())); };
    page.on('request', onRequest);
    await clickAndWait(page, '#exit');
    page.off('request', onRequest);
    assert.equal(page.url(), server.url, 'back on the portal login page');
    assert.ok(exitRequests.some((u) => u.origin === server.sim && /\/idp\/ext\/Logout$/.test(u.pathname)),
      `the way out passes the Gosuslugi logout: ${exitRequests.map(String).join(', ')}`);
    assert.equal(await text(page, 'h1'), 'Вход в систему');
    await screenshot(page, 'seed004-exit.png');

    // Signed out of Gosuslugi: the next sign-in asks for the password. An unconfirmed
    // Gosuslugi account (Воробьёва; her data match) is not let in.
    await startEsia(page, server, 'parent');
    const unconfirmed = await passEmulator(page, server, VOROBEVA);
    assert.ok(unconfirmed.login, 'the Gosuslugi session ended with «Выход»');
    await assertMessagePage(page, 'Нужна подтверждённая учётная запись',
      /^Для входа необходима подтвержденная учетная запись Госуслуг\. Ее можно оформить в ближайшем центре обслуживания пользователей\.$/);
    await screenshot(page, 'seed004-unconfirmed.png');
    await page.goto(`${server.base}/main`);
    assert.equal(pathOf(page), '/login', 'not signed in');
  });
});
