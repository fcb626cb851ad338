// Shared pieces of the browser tests: start a real meedoen server with demo content on a
// free loopback port, launch Debian's chromium through playwright-core, run axe-core on every
// page visited, drive pages by keyboard, read mail from the outbox, compute TOTP codes.
import { spawn, execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

const here = path.dirname(fileURLToPath(import.meta.url));
export const BIN = process.env.MEEDOEN_BIN
  || path.join(process.env.CARGO_TARGET_DIR || path.join(here, '..', '..', 'target'), 'debug', 'meedoen');

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export async function startServer() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'meedoen-e2e-'));
  const port = await freePort();
  const env = {
    ...process.env,
    MEEDOEN_DATABASE_URL: path.join(dir, 'e2e.db'),
    MEEDOEN_DATA_DIR: path.join(dir, 'uploads'),
    MEEDOEN_BIND: `127.0.0.1:${port}`,
    MEEDOEN_BASE_URL: `http://127.0.0.1:${port}`,
    RUST_LOG: 'warn',
  };
  delete env.MEEDOEN_SMTP_HOST;
  const proc = spawn(BIN, ['serve', '--demo'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  proc.stdout.on('data', (d) => { output += d; });
  proc.stderr.on('data', (d) => { output += d; });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    try {
      const r = await fetch(`${base}/healthz`);
      if (r.ok) break;
    } catch { /* not up yet */ }
    if (Date.now() > deadline) throw new Error(`server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const cli = (...args) => execFileSync(BIN, args, { env, encoding: 'utf8' });
  return {
    base,
    cli,
    output: () => output,
    async stop() {
      proc.kill('SIGTERM');
      await new Promise((r) => (proc.exitCode !== null ? r() : proc.on('exit', r)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function launch() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  const context = await browser.newContext();
  const page = await context.newPage();
  return { browser, context, page };
}

/** Runs axe-core on the current page; serious or critical violations fail the test. */
export async function checkA11y(page, label) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const summary = bad.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('\n  ')}`).join('\n');
  assert.equal(bad.length, 0, `axe on ${label || page.url()}:\n${summary}`);
  // One h1 per page.
  assert.equal(await page.locator('h1').count(), 1, `exactly one h1 on ${page.url()}`);
}

/** Goes to a URL and checks accessibility. */
export async function visit(page, url) {
  const r = await page.goto(url);
  await checkA11y(page);
  return r;
}

/** Presses Tab until `locator` has focus (keyboard-only navigation), at most 80 times. */
export async function tabTo(page, locator) {
  const handle = await locator.elementHandle();
  assert.ok(handle, 'element to tab to exists');
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    if (await handle.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error('could not reach element by Tab');
}

/** Presses a key that submits a form or follows a link, and waits for the new page. */
export async function pressAndWait(page, key = 'Enter') {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press(key)]);
}

/** Keyboard-only: tab to a field and type into it. */
export async function typeInto(page, locator, text) {
  await tabTo(page, locator);
  await page.keyboard.type(text);
}

/** The newest mail to `to`, via `meedoen outbox`. */
export function lastMail(server, to) {
  const out = server.cli('outbox', '--to', to, '--limit', '1');
  assert.ok(out.includes('Onderwerp') || out.includes('aan:'), `mail to ${to} in outbox:\n${out}`);
  return out;
}

export function linkIn(text, prefix) {
  const i = text.indexOf(prefix);
  assert.ok(i >= 0, `link ${prefix} in mail:\n${text}`);
  const rest = text.slice(i);
  const m = rest.match(/^[^\s"<]+/);
  return m[0];
}

function base32Decode(s) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of s.replace(/[=\s]/g, '').toUpperCase()) {
    const v = alphabet.indexOf(c);
    if (v < 0) throw new Error(`bad base32 ${c}`);
    bits += v.toString(2).padStart(5, '0');
  }
  const bytes = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

/** RFC 6238 TOTP (SHA-1, 6 digits, 30 s), as authenticator apps compute it. */
export function totp(secretBase32, when = Date.now()) {
  const counter = Math.floor(when / 1000 / 30);
  const buf = Buffer.alloc(8);
  buf.writeBigUInt64BE(BigInt(counter));
  const h = createHmac('sha1', base32Decode(secretBase32)).update(buf).digest();
  const off = h[h.length - 1] & 0xf;
  const code = ((h.readUInt32BE(off) & 0x7fffffff) % 1_000_000).toString().padStart(6, '0');
  return code;
}

/** Registers an account through the form and confirms it through the mail link. */
export async function registerAndVerify(page, server, email, name, password = 'een lange zin als wachtwoord') {
  await visit(page, `${server.base}/registreren`);
  await page.fill('#email', email);
  await page.fill('#display_name', name);
  await page.fill('#password', password);
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('main form button[type=submit]')]);
  const mail = lastMail(server, email);
  const link = linkIn(mail, '/bevestigen/');
  await visit(page, `${server.base}${link.slice(link.indexOf('/bevestigen/'))}`);
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('main form button[type=submit]')]);
  assert.ok(await page.locator('a[href="/account"]').count() > 0, 'logged in after verifying');
}

/** Creates a staff account with the CLI, logs in, and sets up two-factor login. */
export async function staffLogin(page, server, email, role, password = 'medewerker-wachtwoord-2026') {
  server.cli('admin', 'create-staff', '--org', 'enschede', '--email', email, '--name', `Test ${role}`,
    '--role', role, '--password', password);
  await visit(page, `${server.base}/inloggen?terug=/beheer`);
  await page.fill('#email', email);
  await page.fill('#password', password);
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('main form button[type=submit]')]);
  await page.goto(`${server.base}/beheer`);
  assert.match(page.url(), /\/inloggen\/tweestaps/, 'staff must set up two-factor login first');
  await checkA11y(page, 'two-factor setup');
  const secret = (await page.locator('main dd code').first().innerText()).replace(/\s+/g, '');
  await page.fill('#code', totp(secret));
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('main form button[type=submit]')]);
  await visit(page, `${server.base}/beheer`);
  assert.ok(!page.url().includes('tweestaps'), 'after two-factor the staff area opens');
}
