'use strict';
// Steps shared by the browser end-to-end tests of the portal: reading the page, following
// links, choosing the school on the login page, signing in with a school password and through
// Gosuslugi (the ESIA emulator that `netcity demo` starts), and a portal with browsers for one
// test. Each takes the playwright page (and the server from lib/server.js) as arguments.

const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { startServer, launchBrowser, screenshot } = require('./server');
const { startSmtpSink } = require('./smtp-sink');

// The password of every person of the ESIA emulator (docs/demo-data.md).
const ESIA_PASSWORD = 'Gosuslugi-2025';

// Schools of the demo (demo/demo-data.csv), as chooseSchool takes them: the labels of their
// region, municipality, locality, type and organization on the login page.
const SCHOOLS = {
  salekhard5: {
    region: 'Ямало-Ненецкий автономный округ',
    municipality: 'Городской округ город Салехард',
    locality: 'г. Салехард',
    type: 'Общеобразовательная',
    organization: 'МБОУ "Школа № 5"',
  },
  kholmsk9: {
    region: 'Сахалинская область',
    municipality: 'Холмский городской округ',
    locality: 'г. Холмск',
    type: 'Общеобразовательная',
    organization: 'МАОУ "СОШ № 9 г. Холмска"',
  },
  tomskGym1: {
    region: 'Томская область',
    municipality: 'Городской округ Город Томск',
    locality: 'г. Томск',
    type: 'Общеобразовательная',
    organization: 'МАОУ "Гимназия № 1"',
  },
  volgograd17: {
    region: 'Волгоградская область',
    municipality: 'Городской округ город-герой Волгоград',
    locality: 'г. Волгоград',
    type: 'Общеобразовательная',
    organization: 'МОУ "Средняя школа № 17"',
  },
};

// The role buttons of /esia/start, by the role in their id (#role-parent, …).
// Seed 004 calls the child's role «Ребенок».
const ROLE_LABELS = { parent: 'Родитель', student: 'Ребенок (обучающийся)', staff: 'Педагоги и сотрудники' };

// ---- A portal for one test ------------------------------------------------------------------

// A portal (`netcity demo` with its emulator; `serverArgs` added to its command line), with
// `mail` an SMTP sink it delivers to, and browsers, all stopped whatever happens. Calls
// body(server, newBrowser, sink): newBrowser(options) launches a browser (options go to
// launchBrowser) and resolves to {context, page, close()}; sink is null without `mail`. A
// failure carries the tail of the portal's output.
async function withPortal(body, { serverArgs = [], mail = false } = {}) {
  const sink = mail ? await startSmtpSink() : null;
  let server = null;
  const browsers = [];
  try {
    server = await startServer([
      ...(sink ? ['--mail', 'smtp', '--smtp-port', String(sink.port), '--mail-retry-seconds', '1'] : []),
      ...serverArgs,
    ]);
    assert.ok(server.sim, `the demo printed the emulator's address:\n${server.log()}`);
    await body(server, async (options) => {
      const b = await launchBrowser(options);
      browsers.push(b);
      return b;
    }, sink);
  } catch (e) {
    if (server) e.message += `\n--- netcity output (tail) ---\n${server.log().slice(-4000)}`;
    throw e;
  } finally {
    try {
      for (const b of browsers) await b.close();
    } finally {
      try {
        if (server) await server.stop();
      } finally {
        if (sink) await sink.stop();
      }
    }
  }
}

// More directory data or people for the running portal (docs/csv-format.md), through
// `netcity admin import` on its data directory.
function importCsv(server, csv) {
  const binary = process.env.NETCITY_BIN
    ? path.resolve(process.env.NETCITY_BIN)
    : path.resolve(__dirname, '../../../build/netcity');
  const file = path.join(server.dir, 'e2e-import.csv');
  fs.writeFileSync(file, csv);
  execFileSync(binary, ['admin', 'import', file, '--data-dir', server.dir], { stdio: 'pipe' });
}

// ---- Reading the page -----------------------------------------------------------------------

// The path of the page's address.
function pathOf(page) {
  return new URL(page.url()).pathname;
}

// The origin of the page's address (the portal's or the emulator's).
function originOf(page) {
  return new URL(page.url()).origin;
}

// The trimmed visible text of the element.
async function text(page, selector) {
  return (await page.locator(selector).innerText()).trim();
}

// Label of the option chosen in a select ('' when none, or the placeholder when nothing chosen).
async function selectedLabel(page, selector) {
  return page.$eval(selector, (s) => (s.selectedIndex >= 0 ? s.options[s.selectedIndex].textContent.trim() : ''));
}

// The labels of all the options of a select.
async function optionLabels(page, selector) {
  return page.$$eval(`${selector} option`, (os) => os.map((o) => o.textContent.trim()));
}

// ---- Acting on the page ---------------------------------------------------------------------

// Clicks a link or button and waits for the page it leads to (through any redirects). If the
// browser refuses the navigation (e.g. a Content-Security-Policy form-action), fails with what
// the browser's console said.
async function clickAndWait(page, selector) {
  const errors = [];
  const onConsole = (m) => { if (m.type() === 'error') errors.push(m.text()); };
  page.on('console', onConsole);
  try {
    await Promise.all([page.waitForNavigation(), page.click(selector)]);
  } catch (e) {
    await new Promise((r) => setTimeout(r, 200));  // let the console report the reason
    assert.fail(`${selector} on ${page.url()}: the browser did not get to the next page: ` +
      `${e.message.split('\n')[0]}\nbrowser console:\n${errors.join('\n')}`);
  } finally {
    page.off('console', onConsole);
  }
}

// Waits until the select (filled by the page's script, e.g. login.js from /api/directory/*) has
// an option with this exact label, then chooses it, unless the page has already chosen it (a
// level with a single entry is chosen automatically; choosing it again would reload the levels
// below). Asserts the select shows the label.
async function choose(page, selector, label) {
  await page.waitForFunction(
    ({ selector, label }) => {
      const s = document.querySelector(selector);
      return !!s && Array.from(s.options).some((o) => o.textContent.trim() === label);
    },
    { selector, label },
  ).catch(async (e) => {
    throw new Error(`${selector} has no option «${label}»: ${JSON.stringify(await optionLabels(page, selector))}\n${e.message}`);
  });
  if (await selectedLabel(page, selector) !== label) await page.selectOption(selector, { label });
  assert.equal(await selectedLabel(page, selector), label, `${selector} should show «${label}»`);
}

// ---- Signing in with the school password ----------------------------------------------------

// The organization «Войти» would post ('' when none): the organization select is a field of
// the login form, as the browser gathers it, with or without JavaScript.
async function postedOrganization(page) {
  return page.$eval('#login-form', (f) => new FormData(f).get('organization') || '');
}

// On the login page (or «Привязать учетную запись»): the school level by level — region,
// municipality, locality, type, organization ({region, municipality, locality, type,
// organization} labels) — and asserts the login form posts its id.
async function chooseSchool(page, school) {
  await choose(page, '#region', school.region);
  await choose(page, '#municipality', school.municipality);
  await choose(page, '#locality', school.locality);
  await choose(page, '#type', school.type);
  await choose(page, '#organization', school.organization);
  const orgId = await page.$eval('#organization', (s) => s.value);
  assert.match(orgId, /^[1-9]\d*$/, 'the chosen school has an id');
  assert.equal(await postedOrganization(page), orgId, '«Войти» posts the chosen school');
}

// The school-login form of the page the browser is on (the login page, or «Привязать учетную
// запись» after Gosuslugi): the school, login and password, «Войти». Leaves the browser
// wherever the portal sends it.
async function submitSchoolLogin(page, school, login, password) {
  await chooseSchool(page, school);
  await page.fill('#login', login);
  await page.fill('#password', password);
  await clickAndWait(page, '#submit');
}

// submitSchoolLogin in a browser without JavaScript: each level of the school chosen and sent
// with the noscript «Выбрать» (the server fills the level below; a level with a single entry
// comes chosen), then the school, login and password posted with «Войти».
async function submitSchoolLoginWithoutScript(page, school, login, password) {
  const pick = page.locator('form#directory button[type=submit]');
  assert.ok(await pick.isVisible(), 'the noscript «Выбрать» button is shown');
  const levels = [['#region', school.region], ['#municipality', school.municipality],
    ['#locality', school.locality], ['#type', school.type]];
  for (const [selector, label] of levels) {
    if (await selectedLabel(page, selector) === label) continue;
    await page.selectOption(selector, { label });
    await Promise.all([page.waitForNavigation(), pick.click()]);
    assert.equal(await selectedLabel(page, selector), label, `${selector} keeps «${label}»`);
  }
  await page.selectOption('#organization', { label: school.organization });
  assert.match(await postedOrganization(page), /^[1-9]\d*$/, '«Войти» posts the chosen school');
  await page.fill('#login', login);
  await page.fill('#password', password);
  await clickAndWait(page, '#submit');
}

// The portal's login page, opened afresh: submitSchoolLogin there.
async function submitLogin(page, server, school, login, password) {
  await page.goto(server.url);
  await submitSchoolLogin(page, school, login, password);
}

// Signs `who` ({school, login, password, name}) in with the school password (or `password`)
// and asserts the portal's main page shows their name.
async function passwordSignIn(page, server, who, password = who.password) {
  await submitLogin(page, server, who.school, who.login, password);
  assert.equal(pathOf(page), '/main',
    `${who.login} is signed in with the school password (at ${page.url()}): ${await text(page, 'main')}`);
  assert.equal(await text(page, '#profile-link'), who.name);
}

// ---- Signing in through Gosuslugi (the ESIA emulator) ---------------------------------------

// «Войти через госуслуги» on the login page (opened unless the browser is on it) → the role
// page (its heading and three role buttons checked; a screenshot `shot` if given) → the button
// of `role` ('parent', 'student' or 'staff'). Resolves once the browser has stopped (at the
// emulator, or already back at the portal).
async function startEsia(page, server, role, shot) {
  if (pathOf(page) !== '/login' || originOf(page) !== server.base) await page.goto(server.url);
  assert.equal(await text(page, '#esia'), 'Войти через госуслуги');
  await clickAndWait(page, '#esia');
  assert.equal(pathOf(page), '/esia/start');
  assert.equal(await text(page, 'h1'), 'Вход через госуслуги');
  for (const [r, label] of Object.entries(ROLE_LABELS)) assert.equal(await text(page, `#role-${r}`), label);
  if (shot) await screenshot(page, shot);
  await clickAndWait(page, `#role-${role}`);
}

// The SMS code for `oid`, from the emulator's developer page in a second tab.
async function smsCode(page, server, oid) {
  const dev = await page.context().newPage();
  try {
    await dev.goto(`${server.sim}/sim/dev`);
    const row = dev.locator('#sms tr:has(td.code)').first();
    assert.equal((await row.locator('td').first().innerText()).trim(), oid, 'the newest SMS went to this person');
    const code = (await row.locator('td.code').innerText()).trim();
    assert.match(code, /^\d{6}$/);
    return code;
  } finally {
    await dev.close();
  }
}

// Walks the emulator's pages (login with person.esia and ESIA_PASSWORD, SMS code for `oid`,
// consent «Предоставить») until the browser is back on the portal; any other page fails.
// Returns what was shown: {login, sms, rights (the rights listed; null when no consent page)};
// `shots` names screenshots of the emulator's pages ({login, sms, consent}).
async function passEmulator(page, server, person, { oid, shots = {} } = {}) {
  const seen = { login: false, sms: false, rights: null };
  for (let step = 0; step < 4 && originOf(page) === server.sim; step++) {
    if (await page.locator('#login-form').count()) {
      assert.equal(seen.login, false, `the emulator asks for the password once: ${await text(page, 'main')}`);
      seen.login = true;
      assert.equal(pathOf(page), '/idp/login');
      assert.match(await text(page, 'main'), /для продолжения в «Сетевой Город\. Образование»/);
      await page.fill('#login', person.esia);
      await page.fill('#password', ESIA_PASSWORD);
      if (shots.login) await screenshot(page, shots.login);
      await clickAndWait(page, '#submit');
    } else if (await page.locator('#sms-form').count()) {
      seen.sms = true;
      assert.equal(await text(page, 'h1'), 'Подтверждение входа');
      await page.fill('#code', await smsCode(page, server, oid));
      if (shots.sms) await screenshot(page, shots.sms);
      await clickAndWait(page, '#confirm');
    } else if (await page.locator('#consent-form').count()) {
      assert.equal(await text(page, 'h1'), 'Предоставление прав доступа');
      assert.match(await text(page, 'main'), /Сетевой Город\. Образование запрашивает следующие права/);
      seen.rights = (await page.locator('#rights li').allInnerTexts()).map((s) => s.trim());
      assert.equal(await text(page, '#allow'), 'Предоставить');
      assert.equal(await text(page, '#deny'), 'Отказать');
      if (shots.consent) await screenshot(page, shots.consent);
      await clickAndWait(page, '#allow');
    } else {
      assert.fail(`unexpected emulator page ${page.url()}: ${await text(page, 'main')}`);
    }
  }
  assert.equal(originOf(page), server.base, `back on the portal (at ${page.url()})`);
  return seen;
}

// A whole Gosuslugi sign-in from a freshly opened login page: startEsia with `role`, then
// passEmulator for `person` (`options` as there). Resolves to what the emulator asked.
async function esiaSignIn(page, server, role, person, options) {
  await page.goto(server.url);
  await startEsia(page, server, role);
  return passEmulator(page, server, person, options);
}

module.exports = {
  ESIA_PASSWORD,
  SCHOOLS,
  ROLE_LABELS,
  withPortal,
  importCsv,
  pathOf,
  originOf,
  text,
  selectedLabel,
  optionLabels,
  clickAndWait,
  choose,
  postedOrganization,
  chooseSchool,
  submitSchoolLogin,
  submitSchoolLoginWithoutScript,
  submitLogin,
  passwordSignIn,
  startEsia,
  smsCode,
  passEmulator,
  esiaSignIn,
};
