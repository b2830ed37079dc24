// What the phone-page tests share: a real browser (Debian's chromium, driven by
// playwright-core) against the real server (`cabildo serve`) on loopback. Each
// test has its own folder, database and server; the facilitator's side is played
// by the `cabildo question …` commands.
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(path.join(ROOT, 'ui/package.json'));
const { chromium } = require('playwright-core');

const BIN = process.env.CABILDO_BIN || path.join(ROOT, 'target/debug/cabildo');
export const SHOTS = path.join(ROOT, 'target/phone-screenshots');
export const PIN = '482916';
/** Waits on the page: long enough for a slow CI machine, short enough to fail fast. */
export const WAIT_MS = 10000;

/** The demo workshop speaks Spanish, and so do the phones (their browser language). */
const LOCALE = JSON.parse(readFileSync(path.join(ROOT, 'assets/locales/es.json'), 'utf8')).phone;

/** The page's text for a locale key, as its translator builds it (`<key>_one` when n is 1). */
export function say(key, params = {}) {
  const lookup = (k) => k.split('.').reduce((node, part) => (node ? node[part] : undefined), LOCALE);
  const text = (String(params.n) === '1' && lookup(`${key}_one`)) || lookup(key);
  assert.equal(typeof text, 'string', `no locale text for phone.${key}`);
  return text.replace(/\{(\w+)\}/g, (all, name) => (name in params ? String(params[name]) : all));
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

let browser;

/** One browser for the test file that calls this, started before its tests and closed after. */
export function useBrowser() {
  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  after(async () => {
    if (browser) await browser.close();
  });
}

/** Runs the CLI; resolves with its exit code and output whatever the code. */
function cli(db, ...args) {
  return new Promise((resolve) => {
    execFile(BIN, ['--db', db, ...args], { timeout: WAIT_MS }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout: stdout.trim(), stderr: stderr.trim() });
    });
  });
}

/** Runs the CLI and returns its output, failing the test when it fails. */
async function run(db, ...args) {
  const r = await cli(db, ...args);
  assert.equal(r.code, 0, `cabildo ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

/**
 * A fresh folder and database with the demo workshop, and `cabildo serve` on a
 * loopback port the OS chose. Everything is stopped and removed when the test ends.
 */
export async function session(t) {
  const dir = mkdtempSync(path.join(tmpdir(), 'cabildo-phone-'));
  const db = path.join(dir, 'cabildo.sqlite3');
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const workshop = await run(db, 'demo');
  const server = spawn(BIN, ['--db', db, 'serve', '--workshop', workshop, '--listen', '127.0.0.1:0', '--pin', PIN], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise((resolve) => server.once('exit', resolve));
  t.after(async () => {
    if (server.exitCode === null && server.signalCode === null) {
      server.kill('SIGTERM');
      const timer = setTimeout(() => server.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
  });
  let stderr = '';
  server.stderr.on('data', (d) => (stderr += d));
  const url = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no url line from cabildo serve within ${WAIT_MS} ms: ${out}${stderr}`)), WAIT_MS);
    server.stdout.on('data', (d) => {
      out += d;
      const m = /^url (\S+)$/m.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    exited.then((code) => reject(new Error(`cabildo serve exited (${code}) before its url: ${stderr}`)));
  });
  const parsed = new URL(url);
  assert.equal(parsed.hostname, '127.0.0.1', 'the server listens on loopback only');
  assert.equal(parsed.searchParams.get('pin'), PIN, 'the URL carries the PIN, like the QR code');
  const base = parsed.origin;

  const phones = [];
  t.after(() => Promise.all(phones.map((p) => p.context.close().catch(() => {}))));

  return {
    db,
    workshop,
    url,
    base,
    cli: (...args) => cli(db, ...args),
    run: (...args) => run(db, ...args),

    /** Creates and opens a question; returns its id, and its option (and criterion) ids by label. */
    async question(kind, prompt, labels, ...extra) {
      const id = await run(db, 'question', 'create', '--workshop', workshop, '--kind', kind, '--prompt', prompt,
        ...labels.flatMap((l) => ['--option', l]), ...extra);
      await run(db, 'question', 'open', id);
      const tally = await this.results(id);
      const options = Object.fromEntries((tally.options || []).map((o) => [o.label, o.option]));
      const criteria = Object.fromEntries((tally.criteria || []).map((c) => [c.label, c.id]));
      return { id, options, criteria };
    },

    async results(id) {
      return JSON.parse(await run(db, 'question', 'results', id));
    },

    /** A phone: its own browser context (storage, cookies), a small touch screen. */
    async phone(name) {
      const context = await browser.newContext({
        viewport: { width: 360, height: 740 },
        isMobile: true,
        hasTouch: true,
        locale: 'es-CL',
      });
      context.setDefaultTimeout(WAIT_MS);
      const page = await context.newPage();
      const elsewhere = [];
      page.on('request', (r) => {
        const u = new URL(r.url());
        if ((u.protocol === 'http:' || u.protocol === 'https:') && !LOOPBACK.has(u.hostname)) elsewhere.push(r.url());
      });
      const errors = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      const phone = { name, context, page, elsewhere, errors };
      phones.push(phone);
      return phone;
    },

    /** No phone asked anything of an address other than loopback, and no script failed. */
    checkPhones() {
      for (const p of phones) {
        assert.deepEqual(p.elsewhere, [], `${p.name} asked for something off loopback`);
        assert.deepEqual(p.errors, [], `${p.name} had script errors`);
      }
    },
  };
}

export const id = (name) => `[data-testid="${name}"]`;

/** Opens the QR code's URL and joins; resolves once the question (or the waiting screen) shows. */
export async function join(phone, url, name = '') {
  const { page } = phone;
  await page.goto(url);
  assert.equal(await page.locator(id('join-pin')).inputValue(), PIN, 'the PIN comes filled in from ?pin=');
  if (name) await page.locator(id('join-name')).fill(name);
  await page.locator(id('join-submit')).tap();
  await page.locator(`${id('prompt')}, ${id('waiting')}`).first().waitFor();
}

/** Taps an option of a single-choice question and sends; resolves once the laptop acknowledged it. */
export async function vote(phone, option, label) {
  const { page } = phone;
  await page.locator(`${id('choice')}[data-option="${option}"]`).tap();
  assert.equal(await page.locator(`${id('choice')}[data-option="${option}"]`).getAttribute('aria-pressed'), 'true');
  await page.locator(id('send')).tap();
  await received(phone, label);
}

export async function received(phone, label, key = 'received') {
  const { page } = phone;
  const box = page.locator(id('received'));
  await box.waitFor();
  assert.ok((await box.innerText()).includes(say(key)), 'the confirmation says it was received');
  assert.equal((await page.locator(`${id('my-answer')} li`).allInnerTexts()).join('|'), label);
}

/** The message shown to the person (role=alert): its locale key and its visible text. */
export async function message(page, key, params) {
  const m = page.locator(`${id('message')}[data-message="${key}"]`);
  await m.waitFor();
  assert.ok(await m.isVisible(), `${key} is visible`);
  assert.equal(await m.innerText(), `⚠ ${say(key, params)}`);
}

/** A screenshot after the next frame, so what was asserted is what was painted. */
export async function shot(page, name) {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

/** The same API call a phone makes, from Node: status and parsed JSON body. */
export async function api(base, method, route, { token, body, raw } = {}) {
  const headers = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined || raw !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(base + route, { method, headers, body: raw !== undefined ? raw : body && JSON.stringify(body) });
  const text = await res.text();
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = { unparsed: text };
  }
  return { status: res.status, body: json };
}

export const byLabel = (tally) => Object.fromEntries(tally.options.map((o) => [o.label, o.count]));

