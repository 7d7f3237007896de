'use strict';
// A real local SMTP server for the browser end-to-end tests: Debian's aiosmtpd
// (python3-aiosmtpd) with its Mailbox handler, which stores every letter it is given in a
// Maildir. The portal delivers to it over SMTP exactly as to a production relay; the tests
// read the letters back, decoded: RFC 2047 subject, multipart/alternative parts,
// quoted-printable or base64 bodies, UTF-8.
//
//   const sink = await startSmtpSink();
//   const server = await startServer(['--mail', 'smtp', '--smtp-port', String(sink.port)]);
//   const letter = await sink.waitFor((m) => m.subject.includes('…'), 15000);
//   await sink.stop();

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

// Debian's interpreter, where python3-aiosmtpd is installed; the python3 on PATH may be
// another one without it.
const PYTHON = process.env.NETCITY_SMTP_PYTHON || '/usr/bin/python3';
const START_TIMEOUT_MS = 15000;

function removeDir(dir) {
  try {
    fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3, retryDelay: 100 });
  } catch (_) {
    // best effort
  }
}

function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

// A port nobody listens on right now: listen on 0, note the port, close.
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

// Resolves true once something on the port answers with an SMTP greeting (220).
function greets(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let data = '';
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(2000, () => done(false));
    socket.once('error', () => done(false));
    socket.on('data', (chunk) => {
      data += chunk.toString('latin1');
      if (/\r?\n/.test(data)) {
        socket.end('QUIT\r\n');
        done(/^220[ -]/.test(data));
      }
    });
  });
}

// ---- MIME decoding ------------------------------------------------------------------------

// Splits a header block into [name, value] pairs, continuation lines unfolded.
function parseHeaders(block) {
  const headers = [];
  for (const line of block.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && headers.length) {
      headers[headers.length - 1][1] += line;  // RFC 5322 unfolding: drop the CRLF only
    } else if (line.includes(':')) {
      const i = line.indexOf(':');
      headers.push([line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim()]);
    }
  }
  return headers;
}

function header(headers, name) {
  const h = headers.find(([n]) => n === name.toLowerCase());
  return h ? h[1] : '';
}

// «type/subtype; key=value; key="value"» → {type, params}
function parseContentType(value) {
  const [type, ...rest] = (value || 'text/plain').split(';');
  const params = {};
  for (const p of rest) {
    const m = /^\s*([^=\s]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s;]*))/.exec(p);
    if (m) params[m[1].toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3];
  }
  return { type: type.trim().toLowerCase(), params };
}

function decodeQuotedPrintable(text) {
  const noSoftBreaks = text.replace(/=\r?\n/g, '');
  const bytes = [];
  for (let i = 0; i < noSoftBreaks.length; i++) {
    const c = noSoftBreaks[i];
    if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(noSoftBreaks.slice(i + 1, i + 3))) {
      bytes.push(parseInt(noSoftBreaks.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(c, 'latin1'));
    }
  }
  return Buffer.from(bytes);
}

function decodeTransfer(body, encoding) {
  switch ((encoding || '').trim().toLowerCase()) {
    case 'quoted-printable':
      return decodeQuotedPrintable(body);
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64');
    default:
      return Buffer.from(body, 'latin1');
  }
}

function toText(bytes, charset) {
  const cs = (charset || 'utf-8').toLowerCase();
  try {
    return new TextDecoder(cs).decode(bytes);
  } catch (_) {
    return bytes.toString('latin1');
  }
}

// RFC 2047: =?charset?Q|B?text?= words; whitespace between adjacent encoded words is dropped
// and their bytes joined before decoding (a UTF-8 letter may be split between two words).
function decodeWords(value) {
  const word = /=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g;
  let out = '';
  let last = 0;
  let pending = null;  // {charset, bytes[]} of the encoded words met so far in a row
  const flush = () => {
    if (pending) out += toText(Buffer.concat(pending.bytes), pending.charset);
    pending = null;
  };
  let m;
  while ((m = word.exec(value)) !== null) {
    const between = value.slice(last, m.index);
    if (!(pending && /^\s*$/.test(between))) {
      flush();
      out += between;
    }
    const charset = m[1].replace(/\*.*$/, '');  // RFC 2231 language suffix
    const bytes = m[2].toUpperCase() === 'B'
      ? Buffer.from(m[3], 'base64')
      : decodeQuotedPrintable(m[3].replace(/_/g, ' '));
    if (pending && pending.charset.toLowerCase() !== charset.toLowerCase()) flush();
    if (!pending) pending = { charset, bytes: [] };
    pending.bytes.push(bytes);
    last = word.lastIndex;
  }
  flush();
  return out + value.slice(last);
}

function splitHeadAndBody(raw) {
  const m = /\r?\n\r?\n/.exec(raw);
  if (!m) return { head: raw, body: '' };
  return { head: raw.slice(0, m.index), body: raw.slice(m.index + m[0].length) };
}

// Collects the decoded text/plain and text/html parts of an entity (recursively through
// multiparts) into `into`: {text: [...], html: [...]}.
function collectParts(raw, into) {
  const { head, body } = splitHeadAndBody(raw);
  const headers = parseHeaders(head);
  const ct = parseContentType(header(headers, 'content-type'));
  if (ct.type.startsWith('multipart/') && ct.params.boundary) {
    const delimiter = `--${ct.params.boundary}`;
    const lines = body.split(/\r?\n/);
    let current = null;
    for (const line of lines) {
      if (line.startsWith(delimiter)) {
        if (current) collectParts(current.join('\n'), into);
        if (line.startsWith(`${delimiter}--`)) break;
        current = [];
      } else if (current) {
        current.push(line);
      }
    }
    return;
  }
  const decoded = toText(decodeTransfer(body, header(headers, 'content-transfer-encoding')), ct.params.charset);
  if (ct.type === 'text/html') into.html.push(decoded);
  else if (ct.type === 'text/plain') into.text.push(decoded);
}

// One stored letter → {to, from, subject, text, html, messageId, date, headers, file}.
function parseMessage(raw, file) {
  const { head } = splitHeadAndBody(raw);
  // Raw 8-bit header text (not RFC 2047 encoded) is taken as UTF-8; encoded words are ASCII.
  const headers = parseHeaders(head).map(([n, v]) => [n, Buffer.from(v, 'latin1').toString('utf8')]);
  const parts = { text: [], html: [] };
  collectParts(raw, parts);
  return {
    to: decodeWords(header(headers, 'to') || header(headers, 'x-rcptto')),
    from: decodeWords(header(headers, 'from')),
    subject: decodeWords(header(headers, 'subject')),
    text: parts.text.join('\n'),
    html: parts.html.join('\n'),
    messageId: header(headers, 'message-id'),
    date: header(headers, 'date'),
    headers,
    file,
  };
}

// ---- The sink -----------------------------------------------------------------------------

// Starts aiosmtpd on a free port of 127.0.0.1 with a fresh Maildir. Resolves to
// {port, dir, messages(), waitFor(predicate, timeoutMs), log(), stop()}.
async function startSmtpSink() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netcity-e2e-smtp-'));
  // The Mailbox handler creates the Maildir (with new/ cur/ tmp/) only if it does not exist.
  const maildir = path.join(dir, 'Maildir');
  let child = null;
  let output = '';
  let exitInfo = null;
  let exited = Promise.resolve();
  let port;
  for (let attempt = 0; ; attempt++) {
    port = await freePort();
    const env = { ...process.env, PYTHONUNBUFFERED: '1' };
    delete env.PYTHONPATH;
    delete env.PYTHONHOME;
    try {
      child = spawn(PYTHON, ['-m', 'aiosmtpd', '-n', '-l', `127.0.0.1:${port}`,
        '-c', 'aiosmtpd.handlers.Mailbox', maildir], { stdio: ['ignore', 'pipe', 'pipe'], env });
    } catch (e) {
      removeDir(dir);
      throw e;
    }
    exitInfo = null;
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (s) => { output += s; });
    child.stderr.on('data', (s) => { output += s; });
    const thisChild = child;
    exited = new Promise((resolve) => thisChild.once('exit', (code, signal) => {
      exitInfo = { code, signal };
      resolve(exitInfo);
    }));
    child.once('error', (e) => { output += `\n${e.message}`; });

    const deadline = Date.now() + START_TIMEOUT_MS;
    let up = false;
    while (Date.now() < deadline && exitInfo === null) {
      if (await greets(port)) {
        up = true;
        break;
      }
      await sleep(100);
    }
    if (up && exitInfo === null) break;
    if (exitInfo === null) child.kill('SIGKILL');
    await exited;
    // The port may have been taken between choosing and binding it: try another, twice.
    if (attempt >= 2 || Date.now() >= deadline) {
      removeDir(dir);
      throw new Error(`aiosmtpd did not start on 127.0.0.1:${port} (${PYTHON} -m aiosmtpd; ` +
        `Debian package python3-aiosmtpd):\n${output}`);
    }
    output = '';
  }

  function files() {
    const out = [];
    for (const sub of ['new', 'cur']) {
      let names = [];
      try {
        names = fs.readdirSync(path.join(maildir, sub));
      } catch (_) {
        continue;  // no letter yet: the Maildir may not exist
      }
      for (const name of names) {
        const file = path.join(maildir, sub, name);
        try {
          out.push({ file, mtime: fs.statSync(file).mtimeMs });
        } catch (_) {
          // moved between new/ and cur/ meanwhile
        }
      }
    }
    return out.sort((a, b) => a.mtime - b.mtime || a.file.localeCompare(b.file));
  }

  // Every letter received so far, oldest first, decoded.
  function messages() {
    const out = [];
    for (const { file } of files()) {
      let raw;
      try {
        raw = fs.readFileSync(file).toString('latin1');  // 8-bit safe; parts decode their charset
      } catch (_) {
        continue;
      }
      out.push(parseMessage(raw, file));
    }
    return out;
  }

  // The first letter for which predicate(letter) is true, waiting for it up to timeoutMs.
  async function waitFor(predicate, timeoutMs = 15000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = messages().find(predicate);
      if (found) return found;
      if (Date.now() >= deadline) {
        const seen = messages().map((m) => `  to ${m.to}: «${m.subject}»`).join('\n') || '  none';
        throw new Error(`no matching letter arrived at the SMTP sink (port ${port}) within ` +
          `${timeoutMs} ms; letters received:\n${seen}` +
          (exitInfo ? `\naiosmtpd exited: ${JSON.stringify(exitInfo)}\n${output}` : ''));
      }
      await sleep(100);
    }
  }

  let stopped = null;
  function stop() {
    if (stopped) return stopped;
    stopped = (async () => {
      if (exitInfo === null) {
        child.kill('SIGTERM');
        const killer = setTimeout(() => { if (exitInfo === null) child.kill('SIGKILL'); }, 3000);
        await exited;
        clearTimeout(killer);
      }
      removeDir(dir);
    })();
    return stopped;
  }

  return { port, dir: maildir, messages, waitFor, log: () => output, stop };
}

module.exports = { startSmtpSink, parseMessage, decodeWords };
