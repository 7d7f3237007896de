'use strict';
// Helpers for the browser end-to-end tests: a portal of its own for each test
// (`netcity demo` on a free port in a fresh data directory) and a headless
// Debian Chromium driven by playwright-core.

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { chromium } = require('playwright-core');

const TEST_DIR = path.resolve(__dirname, '..');
const BINARY = process.env.NETCITY_BIN
  ? path.resolve(process.env.NETCITY_BIN)
  : path.resolve(TEST_DIR, '../../build/netcity');
const CHROMIUM = process.env.NETCITY_CHROMIUM || '/usr/bin/chromium';
const OUTPUT_DIR = path.resolve(process.env.NETCITY_E2E_OUTPUT || path.join(TEST_DIR, 'output'));
const START_TIMEOUT_MS = 30000;

function removeDir(dir) {
  try {
    fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3, retryDelay: 100 });
  } catch (_) {
    // best effort: a leftover temp directory must not fail a test
  }
}

// The binary may be being rebuilt at this very moment: wait a little for it.
async function waitForBinary() {
  for (let i = 0; i < 50; i++) {
    try {
      fs.accessSync(BINARY, fs.constants.X_OK);
      return;
    } catch (_) {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`netcity binary not found or not executable: ${BINARY} (set NETCITY_BIN)`);
}

// Starts `netcity demo` in a fresh temp data dir on a free port, with its ESIA emulator on
// another free port. Resolves to {url, base, sim, dir, log(), stop()}; `url` is the /login
// address, `sim` the emulator's origin (null if the demo printed none).
async function startServer(extraArgs = []) {
  await waitForBinary();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netcity-e2e-'));
  const args = ['demo', '--data-dir', dir, '--port', '0',
    '--argon2-memory-kib', '8192', '--access-log', 'false',
    ...(extraArgs.includes('--sim-port') ? [] : ['--sim-port', '0']), ...extraArgs];
  let child;
  try {
    child = spawn(BINARY, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    removeDir(dir);
    throw e;
  }
  // Decode across chunk boundaries: a Cyrillic letter may be split between two chunks.
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  let output = '';
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  let exitInfo = null;
  exited.then((info) => { exitInfo = info; });

  const { url, sim } = await new Promise((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`netcity did not print its URL within ${START_TIMEOUT_MS} ms:\n${output}`));
    }, START_TIMEOUT_MS);
    function onStdout(chunk) {
      const text = chunk.toString('utf8');
      output += text;
      buffer += text;
      // The demo prints its whole banner at once, the emulator's address after the portal's
      // and «Остановить» last; a pipe may still deliver it in pieces.
      const m = /Портал: (http:\/\/127\.0\.0\.1:\d+\/login)/.exec(buffer);
      const s = /Эмулятор ЕСИА: (http:\/\/127\.0\.0\.1:\d+)\/sim\/dev/.exec(buffer);
      if (m && (s || /Остановить:.*\n/.test(buffer))) {
        cleanup();
        resolve({ url: m[1], sim: s ? s[1] : null });
      }
    }
    function onStderr(chunk) { output += chunk.toString('utf8'); }
    function onExit(code, signal) {
      cleanup();
      reject(new Error(`netcity exited (code ${code}, signal ${signal}) before it printed its URL:\n${output}`));
    }
    function onError(err) {
      cleanup();
      reject(err);
    }
    function cleanup() {
      clearTimeout(timer);
      child.stdout.off('data', onStdout);
      child.off('exit', onExit);
      child.off('error', onError);
    }
    child.stdout.on('data', onStdout);
    child.stderr.on('data', onStderr);
    child.once('exit', onExit);
    child.once('error', onError);
  }).catch(async (err) => {
    if (exitInfo === null) child.kill('SIGKILL');
    await exited;
    removeDir(dir);
    throw err;
  });
  // Keep draining the pipes so the server never blocks on a full pipe.
  child.stdout.on('data', (chunk) => { output += chunk.toString('utf8'); });

  let stopped = null;
  async function stop() {
    if (stopped) return stopped;
    stopped = (async () => {
      if (exitInfo === null) {
        child.kill('SIGTERM');
        const killer = setTimeout(() => { if (exitInfo === null) child.kill('SIGKILL'); }, 5000);
        await exited;
        clearTimeout(killer);
      }
      removeDir(dir);
    })();
    return stopped;
  }

  return {
    url,
    base: new URL(url).origin,
    sim,
    dir,
    log: () => output,
    stop,
  };
}

// A headless Chromium with a fresh profile. Resolves to {context, page, close()}.
// options go to launchPersistentContext (e.g. {javaScriptEnabled: false}).
async function launchBrowser(options = {}) {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'netcity-e2e-chromium-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      locale: 'ru-RU',
      viewport: { width: 1100, height: 900 },
      ...options,
    });
  } catch (e) {
    removeDir(userDataDir);
    throw e;
  }
  context.setDefaultTimeout(10000);
  context.setDefaultNavigationTimeout(15000);
  const page = context.pages()[0] || await context.newPage();
  let closed = null;
  async function close() {
    if (closed) return closed;
    closed = (async () => {
      try {
        await context.close();
      } finally {
        removeDir(userDataDir);
      }
    })();
    return closed;
  }
  return { context, page, close };
}

// Full-page screenshot into the output directory (NETCITY_E2E_OUTPUT or tests/e2e/output/).
async function screenshot(page, name) {
  fs.mkdirSync(OUTPUT_DIR, { recursive: true });
  const file = path.join(OUTPUT_DIR, name);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

module.exports = { startServer, launchBrowser, screenshot, OUTPUT_DIR, BINARY };
