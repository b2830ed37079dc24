// The participants' phone page in a real browser (Debian's chromium, driven by
// playwright-core) against the real server (`cabildo serve`) on loopback. Each
// test has its own folder, database and server; the facilitator's side is played
// by the `cabildo question …` commands. Run with `make phone`.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(path.join(ROOT, 'ui/package.json'));
const { chromium } = require('playwright-core');

const BIN = process.env.CABILDO_BIN || path.join(ROOT, 'target/debug/cabildo');
const SHOTS = path.join(ROOT, 'target/phone-screenshots');
const PIN = '482916';
/** Waits on the page: long enough for a slow CI machine, short enough to fail fast. */
const WAIT_MS = 10000;

/** The demo workshop speaks Spanish, and so do the phones (their browser language). */
const LOCALE = JSON.parse(readFileSync(path.join(ROOT, 'assets/locales/es.json'), 'utf8')).phone;

/** The page's text for a locale key, as its translator builds it (`<key>_one` when n is 1). */
function say(key, params = {}) {
  const lookup = (k) => k.split('.').reduce((node, part) => (node ? node[part] : undefined), LOCALE);
  const text = (String(params.n) === '1' && lookup(`${key}_one`)) || lookup(key);
  assert.equal(typeof text, 'string', `no locale text for phone.${key}`);
  return text.replace(/\{(\w+)\}/g, (all, name) => (name in params ? String(params[name]) : all));
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

let browser;

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
async function session(t) {
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

    /** Creates and opens a question; returns its id and its option ids by label. */
    async question(kind, prompt, labels, ...extra) {
      const id = await run(db, 'question', 'create', '--workshop', workshop, '--kind', kind, '--prompt', prompt,
        ...labels.flatMap((l) => ['--option', l]), ...extra);
      await run(db, 'question', 'open', id);
      const tally = await this.results(id);
      const options = Object.fromEntries(tally.options.map((o) => [o.label, o.option]));
      return { id, options };
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

const id = (name) => `[data-testid="${name}"]`;

/** Opens the QR code's URL and joins; resolves once the question (or the waiting screen) shows. */
async function join(phone, url, name = '') {
  const { page } = phone;
  await page.goto(url);
  assert.equal(await page.locator(id('join-pin')).inputValue(), PIN, 'the PIN comes filled in from ?pin=');
  if (name) await page.locator(id('join-name')).fill(name);
  await page.locator(id('join-submit')).tap();
  await page.locator(`${id('prompt')}, ${id('waiting')}`).first().waitFor();
}

/** Taps an option of a single-choice question and sends; resolves once the laptop acknowledged it. */
async function vote(phone, option, label) {
  const { page } = phone;
  await page.locator(`${id('choice')}[data-option="${option}"]`).tap();
  assert.equal(await page.locator(`${id('choice')}[data-option="${option}"]`).getAttribute('aria-pressed'), 'true');
  await page.locator(id('send')).tap();
  await received(phone, label);
}

async function received(phone, label) {
  const { page } = phone;
  const box = page.locator(id('received'));
  await box.waitFor();
  assert.ok((await box.innerText()).includes(say('received')), 'the confirmation says it was received');
  assert.equal((await page.locator(`${id('my-answer')} li`).allInnerTexts()).join('|'), label);
}

/** The message shown to the person (role=alert): its locale key and its visible text. */
async function message(page, key, params) {
  const m = page.locator(`${id('message')}[data-message="${key}"]`);
  await m.waitFor();
  assert.ok(await m.isVisible(), `${key} is visible`);
  assert.equal(await m.innerText(), `⚠ ${say(key, params)}`);
}

/** A screenshot after the next frame, so what was asserted is what was painted. */
async function shot(page, name) {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

/** The same API call a phone makes, from Node: status and parsed JSON body. */
async function api(base, method, route, { token, body, raw } = {}) {
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

const byLabel = (tally) => Object.fromEntries(tally.options.map((o) => [o.label, o.count]));

test('three phones join, vote, one changes its vote, one reloads, and the tally counts them', async (t) => {
  const s = await session(t);
  const labels = ['Agua potable', 'Salud', 'Educación'];
  const q = await s.question('single', '¿Qué meta es la más urgente?', labels);

  const phones = [await s.phone('phone 1'), await s.phone('phone 2'), await s.phone('phone 3')];
  await join(phones[0], s.url, 'Begoña');
  await join(phones[1], s.url);
  await join(phones[2], s.url);
  for (const p of phones) {
    const prompt = p.page.locator(id('prompt'));
    assert.equal(await prompt.innerText(), '¿Qué meta es la más urgente?');
    assert.equal(await prompt.getAttribute('data-state'), 'open');
    assert.deepEqual(await p.page.locator(id('choice')).allInnerTexts(), labels);
  }
  assert.equal(await phones[0].page.locator(id('workshop-title')).innerText(),
    'Municipalización de los ODM — Valle del Itata, Región de Ñuble (ejemplo)');

  await phones[0].page.locator(`${id('choice')}[data-option="${q.options['Agua potable']}"]`).tap();
  await shot(phones[0].page, 'question');
  await vote(phones[0], q.options['Agua potable'], 'Agua potable');
  await shot(phones[0].page, 'received');
  await vote(phones[1], q.options.Salud, 'Salud');
  await vote(phones[2], q.options['Agua potable'], 'Agua potable');

  // Phone 3 changes its mind: the new ballot replaces the old one.
  await phones[2].page.locator(id('change')).tap();
  await vote(phones[2], q.options.Salud, 'Salud');

  // Phone 2 reloads: still in (no PIN screen), its vote shown back from the laptop.
  await phones[1].page.reload();
  await received(phones[1], 'Salud');
  assert.equal(await phones[1].page.locator(id('join')).count(), 0, 'no PIN screen after a reload');

  // A ballot is acknowledged only once committed, so the tally holds all three now.
  const tally = await s.results(q.id);
  assert.equal(tally.n, 3);
  assert.deepEqual(tally.by_channel, { phone: 3, paper: 0, hands: 0 });
  assert.deepEqual(byLabel(tally), { 'Agua potable': 1, Salud: 2, Educación: 0 });
  s.checkPhones();
});

test('paper ballots and a show of hands add to the phones in one tally; a paper ballot counts once', async (t) => {
  const s = await session(t);
  const q = await s.question('single', '¿Dónde invertir primero?', ['Escuelas', 'Caminos']);
  const phone = await s.phone('phone');
  await join(phone, s.url);
  await vote(phone, q.options.Caminos, 'Caminos');

  await s.run('question', 'paper', q.id, '--ballot', 'P-0001', '--answer', JSON.stringify({ option: q.options.Escuelas }));
  await s.run('question', 'paper', q.id, '--ballot', 'P-0002', '--answer', JSON.stringify({ option: q.options.Caminos }));
  await s.run('question', 'hands', q.id, '--choice', q.options.Escuelas, '--count', '4');
  const tally = await s.results(q.id);
  assert.deepEqual(tally.by_channel, { phone: 1, paper: 2, hands: 4 });
  assert.equal(tally.n, 7);
  assert.deepEqual(byLabel(tally), { Escuelas: 5, Caminos: 2 });

  // The same slip keyed in twice (even with another answer) is refused and changes nothing.
  const again = await s.cli('question', 'paper', q.id, '--ballot', 'P-0001', '--answer', JSON.stringify({ option: q.options.Caminos }));
  assert.notEqual(again.code, 0, 'a second P-0001 is refused');
  assert.match(again.stderr, /already keyed in/);
  assert.deepEqual(await s.results(q.id), tally);

  // The phones hear of the other channels too: the count is of ballots on every channel.
  await phone.page.locator(`${id('count-ballots')}[data-n="7"]`).waitFor();
  assert.equal(await phone.page.locator(id('count-ballots')).innerText(), say('ballots', { n: 7 }));
  s.checkPhones();
});

test('refusals reach the person as a localized message, each with its code', async (t) => {
  const s = await session(t);
  const q = await s.question('single', '¿Aprobamos la agenda?', ['Sí', 'No']);

  // A wrong PIN, on the page and from the API.
  const stranger = await s.phone('stranger');
  await stranger.page.goto(`${s.base}/?pin=000000`);
  await stranger.page.locator(id('join-submit')).tap();
  await message(stranger.page, 'error.bad_pin');
  assert.equal(await stranger.page.locator(id('join')).count(), 1, 'still on the PIN screen');
  const badPin = await api(s.base, 'POST', '/api/join', { body: { pin: '000000' } });
  assert.equal(badPin.status, 401);
  assert.equal(badPin.body.code, 'bad_pin');

  // An oversized and a malformed body, from Node with a valid token…
  const joined = await api(s.base, 'POST', '/api/join', { body: { pin: PIN } });
  assert.equal(joined.status, 200);
  const token = joined.body.device_token;
  const ballot = (answer) => ({ question_id: q.id, client_ballot_id: `node-${Math.random()}`, answer });
  const huge = JSON.stringify({ ...ballot({ option: q.options['Sí'] }), padding: 'x'.repeat(17 * 1024) });
  const tooLarge = await api(s.base, 'POST', '/api/ballots', { token, raw: huge });
  assert.equal(tooLarge.status, 413);
  assert.equal(tooLarge.body.code, 'body_too_large');
  const malformed = await api(s.base, 'POST', '/api/ballots', { token, raw: '{"question_id": "' });
  assert.equal(malformed.status, 400);
  assert.equal(malformed.body.code, 'malformed');

  // …and from a phone whose request is spoilt on its way, as the person sees it.
  const phone = await s.phone('phone');
  await join(phone, s.url);
  const spoil = (postData) => (route) => route.continue({ postData });
  await phone.page.route('**/api/ballots', spoil(huge));
  await phone.page.locator(`${id('choice')}[data-option="${q.options['Sí']}"]`).tap();
  await phone.page.locator(id('send')).tap();
  await message(phone.page, 'error.body_too_large');
  await phone.page.unroute('**/api/ballots');
  await phone.page.route('**/api/ballots', spoil('{"question_id": "'));
  await phone.page.locator(id('send')).tap();
  await message(phone.page, 'error.malformed');
  await phone.page.unroute('**/api/ballots');
  assert.equal((await s.results(q.id)).n, 0, 'nothing spoilt was counted');

  // A closed question: a phone whose event stream lags still shows it open and tries to vote.
  const late = await s.phone('late phone');
  await late.page.route('**/api/events**', () => {}); // held: no event ever arrives
  await join(late, s.url);
  assert.equal(await late.page.locator(id('prompt')).getAttribute('data-state'), 'open');
  await s.run('question', 'close', q.id);
  // The phone that listens sees it closed by itself.
  await phone.page.locator(`${id('prompt')}[data-state="closed"]`).waitFor();
  assert.equal(await phone.page.locator(id('closed')).innerText(), say('closed'));
  assert.equal(await phone.page.locator(id('send')).count(), 0, 'no Send on a closed question');
  await late.page.locator(`${id('choice')}[data-option="${q.options.No}"]`).tap();
  await late.page.locator(id('send')).tap();
  await message(late.page, 'error.question_closed');
  const closed = await api(s.base, 'POST', '/api/ballots', { token, body: ballot({ option: q.options.No }) });
  assert.equal(closed.status, 409);
  assert.equal(closed.body.code, 'question_closed');
  assert.equal((await s.results(q.id)).n, 0, 'no ballot after closing');

  // A made-up voting code, then a printed one used twice.
  const coded = await s.question('single', '¿Quién coordina?', ['Ana', 'Luis'], '--requires-code');
  await phone.page.locator(`${id('prompt')}[data-question="${coded.id}"]`).waitFor();
  await phone.page.locator(`${id('choice')}[data-option="${coded.options.Ana}"]`).tap();
  await phone.page.locator(id('voting-code')).fill('ZZZZ-0000');
  await phone.page.locator(id('send')).tap();
  await message(phone.page, 'error.bad_code');
  const badCode = await api(s.base, 'POST', '/api/ballots', {
    token,
    body: { ...ballot({ option: coded.options.Ana }), question_id: coded.id, voting_code: 'ZZZZ-0000' },
  });
  assert.equal(badCode.status, 403);
  assert.equal(badCode.body.code, 'bad_code');
  assert.equal((await s.results(coded.id)).n, 0);
  const [code] = (await s.run('codes', '--workshop', s.workshop, '--count', '2')).split('\n');
  const withCode = (client) => ({
    ...ballot({ option: coded.options.Luis }),
    question_id: coded.id,
    client_ballot_id: client,
    voting_code: code,
  });
  const first = await api(s.base, 'POST', '/api/ballots', { token, body: withCode('code-1') });
  assert.equal(first.status, 200, JSON.stringify(first.body));
  const used = await api(s.base, 'POST', '/api/ballots', { token, body: withCode('code-2') });
  assert.equal(used.status, 403);
  assert.equal(used.body.code, 'code_used');
  assert.equal((await s.results(coded.id)).n, 1, 'a code votes once');
  s.checkPhones();
});

test('once the facilitator reveals the results, the phones show them', async (t) => {
  const s = await session(t);
  const q = await s.question('single', '¿Qué día nos reunimos?', ['Lunes', 'Martes']);
  const a = await s.phone('phone A');
  const b = await s.phone('phone B');
  await join(a, s.url);
  await join(b, s.url);
  await vote(a, q.options.Martes, 'Martes');
  await s.run('question', 'hands', q.id, '--choice', q.options.Lunes, '--count', '2');
  await s.run('question', 'close', q.id);
  assert.equal(await a.page.locator(id('results')).count(), 0, 'no results before the reveal');
  await s.run('question', 'reveal', q.id);

  for (const p of [a, b]) {
    const results = p.page.locator(id('results'));
    await results.waitFor();
    const rows = await p.page.locator(`${id('results')} ${id('result-row')}`).allInnerTexts();
    assert.deepEqual(rows.map((r) => r.replace(/\s+/g, ' ').trim()), ['Lunes 2', 'Martes 1']);
    assert.equal(await p.page.locator(id('result-n')).innerText(), say('votes', { n: 3 }));
  }
  await a.page.locator(id('results')).scrollIntoViewIfNeeded();
  await shot(a.page, 'results');
  s.checkPhones();
});

test('a ballot from one phone raises the count on another without a reload', async (t) => {
  const s = await session(t);
  const q = await s.question('single', '¿Seguimos con el plan?', ['Sí', 'No']);
  const a = await s.phone('phone A');
  const b = await s.phone('phone B');
  await join(a, s.url);
  await join(b, s.url);
  const count = b.page.locator(id('count-ballots'));
  await b.page.locator(`${id('count-phones')}[data-n="2"]`).waitFor();
  assert.equal(await count.getAttribute('data-n'), '0');
  assert.equal(await count.innerText(), say('ballots', { n: 0 }));
  // A mark that a reload would wipe out.
  await b.page.evaluate(() => (window.__notReloaded = true));

  await vote(a, q.options.No, 'No');
  await b.page.locator(`${id('count-ballots')}[data-n="1"]`).waitFor({ timeout: 5000 });
  assert.equal(await count.innerText(), say('ballots', { n: 1 }));
  assert.equal(await b.page.evaluate(() => window.__notReloaded), true, 'phone B did not reload');
  s.checkPhones();
});
