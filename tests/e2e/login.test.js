'use strict';
// Browser end-to-end test of the login page, the main page and «Персональные настройки»:
// a real headless Chromium against a real `netcity demo` on a free port.
//
//   cd tests/e2e && npm install && npm test
//   NETCITY_BIN=/path/to/netcity NETCITY_E2E_OUTPUT=/tmp/shots npm test

const { test } = require('node:test');
const assert = require('node:assert/strict');
const { screenshot } = require('./lib/server');
const {
  SCHOOLS, withPortal, pathOf, text, selectedLabel, optionLabels, choose, chooseSchool,
  postedOrganization, importCsv,
} = require('./lib/portal');

const SCHOOL = SCHOOLS.salekhard5;
const AUTHORITY = 'Департамент образования Администрации г. Салехард';
const PARENT = { login: 'tkachenko.as.rod', password: 'Roditel-2025', newPassword: 'Novyi-Parol-2026' };
const WRONG_CREDENTIALS = 'Неверное имя пользователя или пароль';

// After a rejected sign-in the page comes back from the server with the school still chosen.
async function checkSchoolKept(t, page, when) {
  await t.test(`the school is still chosen ${when}`, async () => {
    assert.equal(await selectedLabel(page, '#region'), SCHOOL.region);
    assert.equal(await selectedLabel(page, '#municipality'), SCHOOL.municipality);
    assert.equal(await selectedLabel(page, '#organization'), SCHOOL.organization);
    assert.notEqual(await postedOrganization(page), '');
  });
}

// Fills the login form and submits it; resolves once the answer page has loaded.
async function signIn(page, login, password, { expectSuccess }) {
  await page.fill('#login', login);
  await page.fill('#password', password);
  await page.click('#submit');
  if (expectSuccess) {
    await page.waitForURL((u) => u.pathname === '/main');
  } else {
    await page.locator('#login-error').waitFor();
    assert.equal(pathOf(page), '/login', 'a rejected sign-in stays on /login');
  }
}

async function assertParentMainPage(page, context) {
  assert.equal(pathOf(page), '/main');
  assert.match(await text(page, 'h1'), /Ткаченко Андрей Сергеевич/);
  assert.match(await text(page, '#roles'), /Родитель/);
  assert.match(await text(page, '#organization'), /Школа № 5/);
  assert.match(await text(page, '#children'), /Ткаченко Максим Андреевич/);
  const session = (await context.cookies()).find((c) => c.name === 'nc_session');
  assert.ok(session, 'the nc_session cookie is set');
  assert.ok(session.value.length >= 20, 'the session id is long enough');
  assert.equal(session.httpOnly, true, 'nc_session is HttpOnly');
  assert.equal(session.sameSite, 'Lax', 'nc_session is SameSite=Lax');
  assert.equal(session.expires, -1, 'nc_session is a browser-session cookie');
}

test('parent: choose the school, wrong password, sign in, change password, sign out', async (t) => {
  await withPortal(async (server, newBrowser) => {
    const { page, context } = await newBrowser();
    // 1. The empty login page.
    await page.goto(server.url);
    assert.equal(pathOf(page), '/login');
    assert.match(await text(page, 'header'), /Сетевой Город\. Образование/);
    assert.match(await page.title(), /Сетевой Город\. Образование/);
    assert.equal(await text(page, '#tab-school'), 'Образовательная организация');
    assert.equal(await text(page, '#tab-authority'), 'Управление образованием');
    assert.match(await page.getAttribute('#tab-school', 'class'), /\bactive\b/);
    assert.ok(await page.locator('#region option').count() > 1, 'regions are listed');
    assert.equal(await page.locator('#municipality option').count(), 1, 'no municipality before a region');
    assert.equal(await postedOrganization(page), '');
    await screenshot(page, 'login-empty.png');

    // 2. The school, level by level (filled by login.js).
    await chooseSchool(page, SCHOOL);

    // 3. A wrong password.
    await signIn(page, PARENT.login, 'wrong-password', { expectSuccess: false });
    assert.match(await text(page, '#login-error'), new RegExp(WRONG_CREDENTIALS));
    assert.equal(await page.inputValue('#login'), PARENT.login, 'the login is kept');
    assert.equal(await page.inputValue('#password'), '', 'the password is not sent back');
    await screenshot(page, 'login-error.png');

    // 4. The page came back from the server with the school still chosen: only the
    // right password is needed now.
    await checkSchoolKept(t, page, 'after a wrong password');
    await signIn(page, PARENT.login, PARENT.password, { expectSuccess: true });
    await assertParentMainPage(page, context);
    await screenshot(page, 'main.png');

    // 5. «Персональные настройки»: change the password.
    assert.equal(await text(page, '#profile-link'), 'Ткаченко Андрей Сергеевич');
    await page.click('#profile-link');
    await page.waitForURL((u) => u.pathname === '/settings');
    assert.match(await text(page, 'h1'), /Персональные настройки/);
    assert.equal(await text(page, '#full-name'), 'Ткаченко Андрей Сергеевич');
    await page.fill('#old_password', PARENT.password);
    await page.fill('#new_password', PARENT.newPassword);
    await page.fill('#repeat_password', PARENT.newPassword);
    await page.click('#change-password');
    await page.locator('#success').waitFor();
    assert.match(await text(page, '#success'), /Пароль изменён/);
    assert.equal(await page.locator('#settings-error').count(), 0);
    await screenshot(page, 'settings.png');

    // 6. Sign out: the portal says so and offers to leave Gosuslugi too; /main is closed;
    // the login page remembers the school.
    await page.click('#logout');
    await page.waitForURL((u) => u.pathname === '/esia/logged-out');
    assert.match(await text(page, 'h1'), /Вы вышли из системы/);
    assert.match(await page.getAttribute('#esia-logout', 'href'), /\/idp\/ext\/Logout\?client_id=NETCITY01/);
    await page.click('#login-again');
    await page.waitForURL((u) => u.pathname === '/login');
    assert.equal((await context.cookies()).filter((c) => c.name === 'nc_session' && c.value !== '').length, 0,
      'the session cookie is gone');
    const lastOrg = (await context.cookies()).find((c) => c.name === 'nc_last_org');
    assert.ok(lastOrg && /^[1-9]\d*$/.test(lastOrg.value), 'nc_last_org holds the school id');
    await page.goto(`${server.base}/main`);
    assert.equal(pathOf(page), '/login', '/main after sign-out leads to /login');
    assert.equal(await selectedLabel(page, '#region'), SCHOOL.region);
    assert.equal(await selectedLabel(page, '#municipality'), SCHOOL.municipality);
    assert.equal(await selectedLabel(page, '#locality'), SCHOOL.locality);
    assert.equal(await selectedLabel(page, '#type'), SCHOOL.type);
    assert.equal(await selectedLabel(page, '#organization'), SCHOOL.organization,
      'the last school is chosen without choosing again');
    assert.equal(await postedOrganization(page), lastOrg.value);

    await signIn(page, PARENT.login, PARENT.password, { expectSuccess: false });
    assert.match(await text(page, '#login-error'), new RegExp(WRONG_CREDENTIALS), 'the old password no longer works');
    await checkSchoolKept(t, page, 'after the old password');
    await chooseSchool(page, SCHOOL);
    await signIn(page, PARENT.login, PARENT.newPassword, { expectSuccess: true });
    await assertParentMainPage(page, context);
  });
});

test('authority: sign in to the education authority tab', async () => {
  await withPortal(async (server, newBrowser) => {
    const { page } = await newBrowser();
    await page.goto(server.url);
    await page.click('#tab-authority');
    await page.waitForURL((u) => u.searchParams.get('tab') === 'authority');
    assert.match(await page.getAttribute('#tab-authority', 'class'), /\bactive\b/);
    assert.equal(await page.locator('#locality').count(), 0, 'no locality on the authority tab');
    assert.equal(await page.locator('#type').count(), 0, 'no school type on the authority tab');
    assert.equal(await text(page, 'label[for=organization]'), 'Орган управления образованием');

    await choose(page, '#region', SCHOOL.region);
    await choose(page, '#municipality', SCHOOL.municipality);
    await choose(page, '#organization', AUTHORITY);
    const labels = await optionLabels(page, '#organization');
    assert.ok(!labels.includes(SCHOOL.organization), 'schools are not offered as authorities');
    assert.notEqual(await postedOrganization(page), '');
    await screenshot(page, 'authority-login.png');

    await signIn(page, 'nikitina.vg', 'Uprav-2025', { expectSuccess: true });
    assert.match(await text(page, 'h1'), /Никитина Валентина Георгиевна/);
    assert.match(await text(page, '#roles'), /Сотрудник органа управления образованием/);
    assert.match(await text(page, '#organization'), new RegExp(AUTHORITY));
    assert.equal(await page.locator('#children').count(), 0, 'no children block for staff');
    await screenshot(page, 'authority-main.png');
  });
});

// A second general school in Салехард, so that the server cannot choose the school for the
// person: they choose it themselves.
const SECOND_SCHOOL_CSV =
  'record,key,parent,name,type,last_name,first_name,middle_name,birth_date,gender,snils,email,phone,login,password,roles,class\n' +
  'organization,org-e2e-sch3,loc-yanao-salekhard,"МБОУ ""Школа № 3""",общеобразовательная,,,,,,,,,,,,\n';
const SECOND_SCHOOL = 'МБОУ "Школа № 3"';

test('without JavaScript: «Выбрать» walks the selects, «Войти» right after choosing the school signs in', async () => {
  await withPortal(async (server, newBrowser) => {
    importCsv(server, SECOND_SCHOOL_CSV);
    const { page, context } = await newBrowser({ javaScriptEnabled: false });
    await page.goto(server.url);
    const pick = page.locator('form#directory button[type=submit]');
    assert.equal(await pick.count(), 1);
    assert.ok(await pick.isVisible(), 'the noscript «Выбрать» button is shown');
    assert.equal(await text(page, 'form#directory button[type=submit]'), 'Выбрать');

    // Choose a level, press «Выбрать», and the server fills the next one.
    async function step(selector, label, nextSelector) {
      await page.selectOption(selector, { label });
      await pick.click();
      await page.waitForURL((u) => u.pathname === '/login' && u.search.includes(selector.slice(1) + '='));
      assert.equal(await selectedLabel(page, selector), label, `${selector} keeps «${label}»`);
      assert.ok(await page.locator(`${nextSelector} option`).count() > 1, `${nextSelector} is filled`);
    }
    assert.equal(await page.locator('#municipality option').count(), 1);
    await step('#region', SCHOOL.region, '#municipality');
    await step('#municipality', SCHOOL.municipality, '#locality');
    // A single locality is chosen by the server; the types are listed already.
    assert.equal(await selectedLabel(page, '#locality'), SCHOOL.locality);
    assert.ok((await optionLabels(page, '#type')).includes(SCHOOL.type));
    await step('#type', SCHOOL.type, '#organization');
    assert.deepEqual((await optionLabels(page, '#organization')).slice(1).sort(),
      [SECOND_SCHOOL, SCHOOL.organization].sort());
    assert.equal(await postedOrganization(page), '', 'two schools: nothing chosen for the person');

    // The school, the login and the password, «Войти»: one submit, no «Выбрать» in between.
    await page.selectOption('#organization', { label: SCHOOL.organization });
    assert.notEqual(await postedOrganization(page), '');
    await screenshot(page, 'nojs-login.png');
    await signIn(page, PARENT.login, PARENT.password, { expectSuccess: true });
    await assertParentMainPage(page, context);
    await screenshot(page, 'nojs-main.png');

    // Signed out, the remembered school is chosen; another one chosen by hand is what «Войти»
    // posts (a wrong school: rejected, and the page keeps that school).
    await page.click('#logout');
    await page.waitForURL((u) => u.pathname === '/esia/logged-out');
    await page.goto(server.url);
    assert.equal(await selectedLabel(page, '#organization'), SCHOOL.organization);
    await page.selectOption('#organization', { label: SECOND_SCHOOL });
    await signIn(page, PARENT.login, PARENT.password, { expectSuccess: false });
    assert.match(await text(page, '#login-error'), new RegExp(WRONG_CREDENTIALS));
    assert.equal(await selectedLabel(page, '#organization'), SECOND_SCHOOL);
    await page.selectOption('#organization', { label: SCHOOL.organization });
    await signIn(page, PARENT.login, PARENT.password, { expectSuccess: true });
    assert.equal(pathOf(page), '/main');
  });
});
