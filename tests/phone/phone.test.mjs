// The participants' phone page in a real browser against the real server: join,
// vote, change a vote, reload, refusals, results, live counts. Run with `make phone`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PIN, api, byLabel, id, join, message, received, say, session, shot, useBrowser, vote } from './helpers.mjs';

useBrowser();

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
