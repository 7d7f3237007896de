'use strict';
// The portal federating a standard OpenID Connect provider instead of ESIA (issue #4): npm's
// `oidc-provider` as the provider, with PKCE (S256), client_secret_basic and the RFC 9207
// `iss` of the callback. Such a provider knows no SNILS, so nobody links automatically: the
// first sign-in ends at «Запись не найдена» and links with the school login and password.

const { test } = require('node:test');
const assert = require('node:assert/strict');
const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { launchBrowser, screenshot, BINARY } = require('./lib/server');
const { SCHOOLS, submitSchoolLogin } = require('./lib/portal');

const DEMO_CSV = path.resolve(__dirname, '../../demo/demo-data.csv');
const SECRET = 'oidc-test-secret-' + Math.random().toString(36).slice(2);
const STAFF = { login: 'vorontsova.em', password: 'Admin-2025', name: 'Воронцова' };
const SCHOOL = SCHOOLS.tomskGym1;

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitFor(url) {
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch (_) { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not come up`);
}

async function startProvider(port, portal) {
  const { default: Provider } = await import('oidc-provider');
  const provider = new Provider(`http://127.0.0.1:${port}`, {
    clients: [{
      client_id: 'netcity',
      client_secret: SECRET,
      redirect_uris: [`${portal}/esia/callback`, `${portal}/esia/link/callback`],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    }],
    claims: {
      openid: ['sub'],
      profile: ['family_name', 'given_name', 'middle_name', 'birthdate'],
      email: ['email', 'email_verified'],
    },
    pkce: { methods: ['S256'], required: () => true },
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ['netcity-oidc-test-cookie-key'] },
    findAccount: async (ctx, id) => ({
      accountId: id,
      claims: async () => ({
        sub: id, family_name: 'Воронцова', given_name: 'Елена', middle_name: 'Михайловна',
        birthdate: '1980-04-12', email: `${id}@example.org`, email_verified: true,
      }),
    }),
  });
  const server = provider.listen(port, '127.0.0.1');
  await waitFor(`http://127.0.0.1:${port}/.well-known/openid-configuration`);
  return { stop: () => new Promise((r) => server.close(r)) };
}

async function startPortal(port, issuer) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netcity-oidc-'));
  execFileSync(BINARY, ['admin', 'import', DEMO_CSV, '--data-dir', dir, '--argon2-memory-kib', '8192'],
    { stdio: 'ignore' });
  const child = spawn(BINARY, ['serve', '--port', String(port), '--data-dir', dir,
    '--argon2-memory-kib', '8192', '--access-log', 'false', '--oidc-issuer', issuer,
    '--oidc-client-id', 'netcity', '--oidc-client-secret', SECRET], { stdio: 'ignore' });
  await waitFor(`http://127.0.0.1:${port}/healthz`);
  return {
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

// Through the provider's development login and consent pages, back to the portal.
async function throughProvider(page, login) {
  await page.locator('input[name=login]').waitFor();
  await page.fill('input[name=login]', login);
  await page.fill('input[name=password]', 'anything');
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
  if (await page.locator('button[type=submit]', { hasText: /Continue/ }).count()) {
    await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
  }
}

test('an OpenID Connect provider in place of ESIA: not found, link once, then straight in', async () => {
  const portalPort = await freePort();
  const opPort = await freePort();
  const portal = `http://127.0.0.1:${portalPort}`;
  const op = await startProvider(opPort, portal);
  const server = await startPortal(portalPort, `http://127.0.0.1:${opPort}`);
  const browser = await launchBrowser();
  try {
    const { page } = browser;
    await page.goto(`${portal}/login`);
    await page.click('#esia');
    await page.waitForURL((u) => u.pathname === '/esia/start');
    await Promise.all([page.waitForURL((u) => u.origin !== portal), page.click('#role-staff')]);
    const authorize = new URL(page.url());
    assert.equal(authorize.origin, `http://127.0.0.1:${opPort}`);
    await screenshot(page, 'oidc-provider-login.png');

    await throughProvider(page, 'elena');
    await page.waitForURL((u) => u.origin === portal);
    assert.equal(await page.locator('#not-found').textContent(), 'Запись не найдена');
    await screenshot(page, 'oidc-not-found.png');

    await Promise.all([page.waitForNavigation(), page.click('#link-account')]);
    assert.match(await page.locator('h1').textContent(), /Привязать учетную запись/);
    await submitSchoolLogin(page, SCHOOL, STAFF.login, STAFF.password);
    assert.equal(new URL(page.url()).pathname, '/main');
    assert.match(await page.locator('#flash').textContent(), /Пользователь успешно привязан/);
    assert.match(await page.locator('#profile-link').textContent(), new RegExp(STAFF.name));
    await screenshot(page, 'oidc-linked.png');

    // Signed out of the portal, still signed in at the provider: straight back in.
    await Promise.all([page.waitForNavigation(), page.click('#logout')]);
    await page.goto(`${portal}/esia/start`);
    await Promise.all([page.waitForURL((u) => u.origin === portal && u.pathname === '/main'),
      page.click('#role-staff')]);
    assert.match(await page.locator('#profile-link').textContent(), new RegExp(STAFF.name));
  } finally {
    await browser.close();
    await server.stop();
    await op.stop();
  }
});

