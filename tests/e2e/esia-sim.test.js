'use strict';
// Browser end-to-end test of the ESIA (Gosuslugi) emulator that `netcity demo` starts next to
// the portal: a real headless Chromium walks its login, SMS and consent pages.
//
// The test itself is the relying party, written from the spec (shared/spec/esia-protocol.md
// §3, §3.1, §5, §6), not from the C++ code: it signs generation-2 requests as the demo's
// client NETCITY01 with the key the demo wrote into its data directory, using the openssl
// command line and its GOST engine, and verifies the emulator's tokens the same way.
//
// The redirect_uri is the demo's registered <portal>/esia/callback. The test reads what ESIA
// sent back from the browser's request to it, not from the page the portal answers with (a
// 404 for now; playwright cannot route a request that a redirect made).
//
//   cd tests/e2e && npm test

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { startServer, launchBrowser, screenshot } = require('./lib/server');
const { text } = require('./lib/portal');

const CLIENT_ID = 'NETCITY01';
const SCOPE = 'openid fullname snils';
const PASSWORD = 'Gosuslugi-2025';
const TKACHENKO = { login: 'tkachenko.as@example.org', oid: 1000300002, phone: '+7900***01' };
const ZAKHAROVA = { login: 'zakharova.in@example.org', oid: 1000300001 };
const RIGHTS = [
  'Проведение входа в систему',
  'Просмотр вашей фамилии, имени и отчества',
  'Просмотр вашего СНИЛС',
];

// ---- GOST through the openssl command line ------------------------------------------------

function openssl(args, input) {
  return execFileSync('openssl', args, { input, stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 1 << 20 });
}

// A raw GOST R 34.10-2012 (256) signature with Streebog-256 over the message, as base64url
// without padding (spec §3.1: 64 bytes, 86 characters).
function sign(work, keyFile, message) {
  const msg = path.join(work, 'msg.txt');
  const sig = path.join(work, 'sig.bin');
  fs.writeFileSync(msg, message, 'utf8');  // no trailing newline
  openssl(['dgst', '-engine', 'gost', '-md_gost12_256', '-sign', keyFile, '-out', sig, msg]);
  const raw = fs.readFileSync(sig);
  assert.equal(raw.length, 64, 'a GOST R 34.10-2012 (256) signature is 64 bytes');
  const secret = raw.toString('base64url');
  assert.equal(secret.length, 86);
  return secret;
}

// Uppercase hex Streebog-256 of the DER certificate (spec §3.1).
function certificateHash(certFile) {
  const der = openssl(['x509', '-engine', 'gost', '-in', certFile, '-outform', 'DER']);
  const out = openssl(['dgst', '-engine', 'gost', '-md_gost12_256', '-r'], der).toString('utf8');
  const hex = /^([0-9a-f]{64})\b/i.exec(out.trim());
  assert.ok(hex, `openssl dgst printed a Streebog-256 hash: ${out}`);
  return hex[1].toUpperCase();
}

// Does the GOST signature `signature` (raw bytes) over `input` verify with the certificate?
function verifies(work, certPem, input, signature) {
  const cert = path.join(work, 'signer.pem');
  const pub = path.join(work, 'signer-pub.pem');
  const data = path.join(work, 'input.txt');
  const sig = path.join(work, 'input.sig');
  fs.writeFileSync(cert, certPem);
  fs.writeFileSync(pub, openssl(['x509', '-engine', 'gost', '-in', cert, '-pubkey', '-noout']));
  fs.writeFileSync(data, input, 'utf8');
  fs.writeFileSync(sig, signature);
  try {
    const out = openssl(['dgst', '-engine', 'gost', '-md_gost12_256', '-verify', pub, '-signature', sig, data]);
    return /Verified OK/.test(out.toString('utf8'));
  } catch (e) {
    // openssl exits with 1 and prints «Verification failure» for a bad signature
    if (/Verification failure/.test(String(e.stdout))) return false;
    throw e;
  }
}

// ---- The relying party --------------------------------------------------------------------

// yyyy.MM.dd HH:mm:ss +0000, now, UTC (spec §3).
function esiaTimestamp(date = new Date()) {
  const p = (n) => String(n).padStart(2, '0');
  return `${date.getUTCFullYear()}.${p(date.getUTCMonth() + 1)}.${p(date.getUTCDate())} ` +
    `${p(date.getUTCHours())}:${p(date.getUTCMinutes())}:${p(date.getUTCSeconds())} +0000`;
}

function query(params) {
  return Object.entries(params)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
}

// The demo's registration of the portal: key and certificate in the data directory.
function relyingParty(server, work) {
  const keyFile = path.join(server.dir, 'portal-esia-client.key');
  const certFile = path.join(server.dir, 'portal-esia-client.crt');
  const redirectUri = `${server.base}/esia/callback`;
  const certHash = certificateHash(certFile);
  assert.match(certHash, /^[0-9A-F]{64}$/);

  // A signed generation-2 authorization URL (spec §3): the message is
  // client_id + scope + scope_org (empty) + timestamp + state + redirect_uri.
  function authorizationUrl(state = crypto.randomUUID()) {
    const timestamp = esiaTimestamp();
    const secret = sign(work, keyFile, CLIENT_ID + SCOPE + '' + timestamp + state + redirectUri);
    const url = `${server.sim}/aas/oauth2/v2/ac?` + query({
      client_id: CLIENT_ID,
      scope: SCOPE,
      response_type: 'code',
      redirect_uri: redirectUri,
      state,
      timestamp,
      access_type: 'offline',
      client_secret: secret,
      client_certificate_hash: certHash,
    });
    return { url, state, secret };
  }

  // POST /aas/oauth2/v3/te (spec §5) with a new state; the message is
  // client_id + scope + scope_org (empty) + timestamp + state + redirect_uri + code.
  async function exchangeCode(code) {
    const state = crypto.randomUUID();
    const timestamp = esiaTimestamp();
    const secret = sign(work, keyFile, CLIENT_ID + SCOPE + '' + timestamp + state + redirectUri + code);
    const res = await fetch(`${server.sim}/aas/oauth2/v3/te`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        client_id: CLIENT_ID,
        code,
        grant_type: 'authorization_code',
        client_secret: secret,
        state,
        redirect_uri: redirectUri,
        scope: SCOPE,
        timestamp,
        token_type: 'Bearer',
        client_certificate_hash: certHash,
      }).toString(),
    });
    const body = await res.text();
    assert.equal(res.status, 200, `the token endpoint accepts the code: ${body}`);
    assert.match(res.headers.get('content-type') || '', /application\/json/);
    return { state, json: JSON.parse(body) };
  }

  return { redirectUri, certHash, authorizationUrl, exchangeCode };
}

// A JWT of the emulator: header and claims, after checking its GOST signature against the
// emulator's certificate (/public/esia.pem) with the openssl command line.
function checkJwt(work, certPem, jwt, what) {
  const parts = jwt.split('.');
  assert.equal(parts.length, 3, `${what} has three parts`);
  const input = `${parts[0]}.${parts[1]}`;
  const signature = Buffer.from(parts[2], 'base64url');
  assert.equal(signature.length, 64, `${what}: a 64-byte GOST signature`);
  assert.ok(verifies(work, certPem, input, signature), `${what}: openssl verifies the signature`);
  const tampered = Buffer.from(signature);
  tampered[10] ^= 0x01;
  assert.equal(verifies(work, certPem, input, tampered), false, `${what}: a changed signature fails`);
  const header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
  const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
  assert.equal(header.alg, 'GOST3410_2012_256', `${what}: alg`);
  assert.equal(header.typ, 'JWT');
  return { header, claims };
}

// ---- Browser helpers ----------------------------------------------------------------------

// Clicks a button whose form the emulator answers with a 303 to redirect_uri; resolves to the
// URL the browser was sent to. Fails fast, with the browser's console errors, if the
// navigation is blocked or fails instead.
async function clickToCallback(page, redirectUri, selector) {
  const errors = [];
  const onConsole = (m) => { if (m.type() === 'error') errors.push(m.text()); };
  page.on('console', onConsole);
  let onFailed;
  try {
    const failed = new Promise((resolve) => {
      onFailed = (r) => { if (r.isNavigationRequest()) resolve(r); };
      page.on('requestfailed', onFailed);
    });
    const reached = page.waitForRequest((r) => r.url().startsWith(redirectUri + '?'), { timeout: 10000 });
    reached.catch(() => {});  // when the failure wins the race, this one rejects later
    await page.click(selector);
    const first = await Promise.race([reached, failed.then((r) => ({ failed: r }))]);
    if (first.failed) {
      await new Promise((r) => setTimeout(r, 300));  // let the console report the reason
      assert.fail(`${selector}: the browser did not reach redirect_uri: ${first.failed.method()} ` +
        `${first.failed.url()} failed with ${first.failed.failure().errorText}\n` +
        `browser console:\n${errors.join('\n')}`);
    }
    await page.waitForLoadState();
    const url = new URL(first.url());
    assert.equal(url.origin + url.pathname, redirectUri);
    return url;
  } finally {
    page.off('console', onConsole);
    page.off('requestfailed', onFailed);
  }
}

// Fills the emulator's login form and submits it; resolves once the next page has loaded.
async function signIn(page, login, password) {
  await page.fill('#login', login);
  await page.fill('#password', password);
  await Promise.all([page.waitForNavigation(), page.click('#submit')]);
}

async function assertLoginPage(page) {
  assert.equal(new URL(page.url()).pathname, '/idp/login');
  assert.match(await page.title(), /^Вход — госуслуги/);
  assert.equal(await text(page, 'h1'), 'Вход');
  assert.match(await text(page, 'main'), /для продолжения в «Сетевой Город\. Образование»/);
  assert.equal(await page.locator('#login-form').count(), 1);
}

// ---- The tests ----------------------------------------------------------------------------

describe('ESIA emulator in the browser', () => {
  let server;
  let work;
  let rp;

  before(async () => {
    server = await startServer();
    assert.ok(server.sim, `the demo printed the emulator's address:\n${server.log()}`);
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'netcity-e2e-esia-'));
    rp = relyingParty(server, work);
  });

  after(async () => {
    if (work) fs.rmSync(work, { recursive: true, force: true });
    if (server) await server.stop();
  });

  // A browser of its own for each scenario, closed whatever happens.
  async function withBrowser(body) {
    const browser = await launchBrowser();
    try {
      await body(browser);
    } finally {
      await browser.close();
    }
  }

  test('two-factor sign-in: password, SMS code, consent, code, tokens', async () => {
    await withBrowser(async ({ page, context }) => {
      const { url, state } = rp.authorizationUrl();

      // 1. The signed request leads to the login page.
      const first = await page.goto(url);
      assert.equal(first.status(), 200);
      await assertLoginPage(page);
      assert.ok(new URL(page.url()).searchParams.get('flow'), 'the login page carries the flow id');
      await screenshot(page, 'esia-login.png');

      // 2. A wrong password.
      await signIn(page, TKACHENKO.login, 'Wrong-Password-1');
      await page.locator('#error').waitFor();
      assert.equal(await text(page, '#error'), 'Неверные логин или пароль');
      assert.equal(await page.inputValue('#login'), TKACHENKO.login, 'the login is kept');
      assert.equal(await page.inputValue('#password'), '', 'the password is not sent back');
      assert.equal(await page.locator('#sms-form').count(), 0);

      // 3. The right password: the SMS step (two-factor is on for this person).
      await signIn(page, TKACHENKO.login, PASSWORD);
      await page.locator('#sms-form').waitFor();
      assert.equal(await text(page, 'h1'), 'Подтверждение входа');
      assert.match(await text(page, 'main'), new RegExp(`отправленный на номер ${TKACHENKO.phone.replace(/[+*]/g, '\\$&')}`));
      assert.equal(await page.locator('#error').count(), 0);
      await screenshot(page, 'esia-sms.png');

      // 4. The code, from the developer page in a second tab of the same browser.
      const dev = await context.newPage();
      await dev.goto(`${server.sim}/sim/dev`);
      assert.equal(await text(dev, 'h1'), 'Эмулятор ЕСИА: для разработчиков');
      await screenshot(dev, 'esia-dev.png');
      const row = dev.locator('#sms tr:has(td.code)').first();
      assert.equal((await row.locator('td').first().innerText()).trim(), String(TKACHENKO.oid),
        'the newest SMS went to this person');
      assert.equal((await row.locator('td').nth(1).innerText()).trim(), TKACHENKO.phone);
      const code = (await row.locator('td.code').innerText()).trim();
      assert.match(code, /^\d{6}$/);
      await dev.close();

      // 5. A wrong code first, then the right one.
      const wrong = code === '000000' ? '111111' : '000000';
      await page.fill('#code', wrong);
      await Promise.all([page.waitForNavigation(), page.click('#confirm')]);
      assert.match(await text(page, '#error'), /^Неверный код\. Осталось попыток: 2$/);
      await page.fill('#code', code);
      await Promise.all([page.waitForNavigation(), page.click('#confirm')]);

      // 6. The consent page lists the requested rights.
      await page.locator('#consent-form').waitFor();
      assert.equal(await text(page, 'h1'), 'Предоставление прав доступа');
      assert.match(await text(page, 'main'), /Сетевой Город\. Образование запрашивает следующие права/);
      const rights = (await page.locator('#rights li').allInnerTexts()).map((s) => s.trim());
      assert.deepEqual(rights, RIGHTS);
      assert.equal(await text(page, '#allow'), 'Предоставить');
      assert.equal(await text(page, '#deny'), 'Отказать');
      await screenshot(page, 'esia-consent.png');

      // 7. «Предоставить»: back to redirect_uri with a code and our state.
      const back = await clickToCallback(page, rp.redirectUri, '#allow');
      assert.equal(back.searchParams.get('state'), state, 'the state comes back unchanged');
      assert.equal(back.searchParams.get('error'), null);
      const authCode = back.searchParams.get('code');
      assert.ok(authCode && authCode.length >= 16, `a code: ${back.search}`);
      assert.equal((await context.cookies(server.sim)).filter((c) => c.name === 'esia_flow' && c.value).length, 0,
        'the flow cookie is cleared');

      // 8. The code for tokens (spec §5), and the tokens' GOST signatures (spec §6).
      const { state: tokenState, json } = await rp.exchangeCode(authCode);
      assert.equal(json.state, tokenState, 'the token response echoes the new state');
      assert.equal(json.token_type, 'Bearer');
      assert.ok(json.expires_in > 0);
      assert.ok(json.refresh_token);
      const certPem = await (await fetch(`${server.sim}/public/esia.pem`)).text();
      assert.match(certPem, /-----BEGIN CERTIFICATE-----/);

      const access = checkJwt(work, certPem, json.access_token, 'access_token');
      assert.equal(access.header.sbt, 'access');
      assert.equal(access.claims['urn:esia:sbj_id'], TKACHENKO.oid);
      assert.equal(access.claims.client_id, CLIENT_ID);
      assert.equal(access.claims.iss, 'http://esia.gosuslugi.ru/',
        'the issuer production ESIA names, so a client written for it accepts the token unchanged');
      assert.equal(access.claims.scope,
        `openid fullname?oid=${TKACHENKO.oid} snils?oid=${TKACHENKO.oid}`);
      const now = Math.floor(Date.now() / 1000);
      assert.ok(access.claims.exp > now && access.claims.nbf <= now + 60, 'the access token is valid now');

      const id = checkJwt(work, certPem, json.id_token, 'id_token');
      assert.equal(id.header.sbt, 'id');
      assert.equal(id.claims.aud, CLIENT_ID);
      assert.equal(id.claims.iss, 'http://esia.gosuslugi.ru/');
      assert.equal(id.claims.sub, TKACHENKO.oid);
      assert.equal(id.claims['urn:esia:sbj']['urn:esia:sbj:oid'], TKACHENKO.oid);

      // 9. The code is single-use.
      await assert.rejects(rp.exchangeCode(authCode), /invalid_grant/);
    });
  });

  test('refusal at the consent page: error=access_denied, ESIA-007004', async () => {
    await withBrowser(async ({ page }) => {
      const { url, state } = rp.authorizationUrl();
      await page.goto(url);
      await assertLoginPage(page);

      // No SMS step for this person: straight to the consent page.
      await signIn(page, ZAKHAROVA.login, PASSWORD);
      await page.locator('#consent-form').waitFor();
      assert.equal(await page.locator('#sms-form').count(), 0);
      assert.deepEqual((await page.locator('#rights li').allInnerTexts()).map((s) => s.trim()), RIGHTS);

      const back = await clickToCallback(page, rp.redirectUri, '#deny');
      assert.equal(back.searchParams.get('error'), 'access_denied');
      assert.match(back.searchParams.get('error_description'), /^ESIA-007004: /);
      assert.equal(back.searchParams.get('state'), state);
      assert.equal(back.searchParams.get('code'), null, 'no code after a refusal');
    });
  });

  test('a tampered client_secret: error=invalid_client, ESIA-007053, no login page', async () => {
    await withBrowser(async ({ page }) => {
      const { url, state, secret } = rp.authorizationUrl();
      // Change a character in the middle: the last one may only carry padding bits.
      const i = 40;
      const tamperedSecret = secret.slice(0, i) + (secret[i] === 'A' ? 'B' : 'A') + secret.slice(i + 1);
      const tampered = url.replace(`client_secret=${secret}`, `client_secret=${tamperedSecret}`);
      assert.notEqual(tampered, url);

      const visited = [];
      page.on('request', (r) => { if (r.isNavigationRequest()) visited.push(r.url()); });
      const reached = page.waitForRequest((r) => r.url().startsWith(rp.redirectUri + '?'));
      reached.catch(() => {});  // awaited below; only an early failure would leave it pending
      await page.goto(tampered);
      const callback = await reached;
      const back = new URL(callback.url());
      assert.equal(back.origin + back.pathname, rp.redirectUri, 'straight back to redirect_uri');
      assert.equal(back.searchParams.get('error'), 'invalid_client');
      assert.match(back.searchParams.get('error_description'), /^ESIA-007053: /);
      assert.equal(back.searchParams.get('state'), state);
      assert.equal(back.searchParams.get('code'), null);
      assert.deepEqual(visited.map((u) => new URL(u).pathname), ['/aas/oauth2/v2/ac', '/esia/callback'],
        'no login page on the way');
      const from = new URL(callback.redirectedFrom().url());
      assert.equal(from.searchParams.get('client_secret'), tamperedSecret, 'redirected from the tampered request');

      // The untampered request still works (the tampered one did not use it up).
      await page.goto(url);
      await assertLoginPage(page);
    });
  });
});
