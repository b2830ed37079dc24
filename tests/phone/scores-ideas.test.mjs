// Scoring candidates on criteria (one screen per candidate) and proposing ideas
// from a phone, against the real server; and scores ballots that do not fit,
// sent straight to the API, refused with nothing recorded. Run with `make phone`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PIN, api, id, join, message, received, say, session, shot, useBrowser } from './helpers.mjs';

useBrowser();

const CANDIDATES = ['Meta 2.A: Enseñanza primaria universal', 'Meta 4.A: Mortalidad infantil', 'Meta 7.C: Agua potable'];
const CRITERIA = ['Tamaño de la brecha', 'Urgencia sentida', 'Competencia municipal', 'Factibilidad'];
const scoresQuestion = (s) =>
  s.question('scores', '¿Qué meta priorizar?', CANDIDATES, ...CRITERIA.flatMap((c) => ['--criterion', c]));

/** What the phone shows as "pressed" on the candidate on screen: criterion index → value. */
async function pressed(page) {
  const out = {};
  for (let j = 0; j < CRITERIA.length; j++) {
    for (let v = 1; v <= 5; v++) {
      if ((await page.locator(id(`score-${j}-${v}`)).getAttribute('aria-pressed')) === 'true') out[j] = v;
    }
  }
  return out;
}

async function progress(page, k) {
  const line = page.locator(`${id('score-progress')}[data-page="${k}"]`);
  await line.waitFor();
  assert.equal(await line.innerText(), say('score.progress', { k, total: CANDIDATES.length }));
}

test('a phone scores three candidates on four criteria, one screen each, and the tally holds its scores', async (t) => {
  const s = await session(t);
  const q = await scoresQuestion(s);
  const phone = await s.phone('phone');
  await join(phone, s.url);
  const { page } = phone;

  // The scores to give: candidate → one value per criterion.
  const given = [
    [5, 4, 2, 3],
    [3, 5, 4, 4],
    [1, 2, 5, 3],
  ];

  await progress(page, 1);
  assert.equal(await page.locator(id('score-prev')).isDisabled(), true, 'no previous on the first screen');
  assert.equal(await page.locator(id('send')).count(), 0, 'Send waits for the last screen');
  assert.equal(await page.locator(id('score-candidate')).innerText(), CANDIDATES[0]);
  for (const [j, v] of given[0].entries()) await page.locator(id(`score-${j}-${v}`)).tap();
  assert.deepEqual(await pressed(page), { 0: 5, 1: 4, 2: 2, 3: 3 });
  assert.equal(await page.locator(id('score-left')).getAttribute('data-left'), '0');
  await shot(page, 'scores-candidate-1');

  await page.locator(id('score-next')).tap();
  await progress(page, 2);
  assert.equal(await page.locator(id('score-candidate')).innerText(), CANDIDATES[1]);
  assert.deepEqual(await pressed(page), {}, 'a new screen for the next candidate');
  for (const [j, v] of given[1].entries()) await page.locator(id(`score-${j}-${v}`)).tap();

  // Back to the first: its scores are still there; a change of mind is one tap.
  await page.locator(id('score-prev')).tap();
  await progress(page, 1);
  assert.deepEqual(await pressed(page), { 0: 5, 1: 4, 2: 2, 3: 3 });
  await page.locator(id('score-0-4')).tap();
  given[0][0] = 4;
  await page.locator(id('score-next')).tap();
  await page.locator(id('score-next')).tap();
  await progress(page, 3);
  assert.equal(await page.locator(id('score-next')).count(), 0, 'no next on the last screen');

  // The last candidate half scored: Send says what is missing and refuses.
  await page.locator(id('score-0-1')).tap();
  await page.locator(id('score-1-2')).tap();
  const send = page.locator(id('send'));
  assert.equal(await send.getAttribute('data-missing'), '2');
  assert.equal(await send.innerText(), say('score.send_missing', { n: 2 }));
  await shot(page, 'scores-missing');
  await send.tap();
  await message(page, 'invalid.scores_missing', { n: 2, label: CANDIDATES[2] });
  await progress(page, 3);
  assert.equal((await s.results(q.id)).n, 0, 'nothing was sent');

  await page.locator(id('score-2-5')).tap();
  await page.locator(id('score-3-3')).tap();
  assert.equal(await send.innerText(), say('send'));
  await send.tap();
  const lines = CANDIDATES.map((label, i) =>
    say('pair', { label, value: CRITERIA.map((c, j) => `${c} ${given[i][j]}`).join(' · ') }));
  await received(phone, lines.join('|'));
  await shot(page, 'scores-received');

  const tally = await s.results(q.id);
  assert.equal(tally.kind, 'scores');
  assert.equal(tally.n, 1);
  assert.deepEqual(tally.criteria.map((c) => c.label), CRITERIA);
  assert.deepEqual(
    tally.options.map((o) => [o.label, o.n, o.means]),
    CANDIDATES.map((label, i) => [label, 1, given[i]]),
  );

  // A reload shows the vote received, and "change" starts from it on the first screen.
  await page.reload();
  await received(phone, lines.join('|'));
  await page.locator(id('change')).tap();
  await progress(page, 1);
  assert.deepEqual(await pressed(page), { 0: 4, 1: 4, 2: 2, 3: 3 });
  s.checkPhones();
});

test('once revealed, a phone shows the mean scores, or the weighted standing when the room has one', async (t) => {
  const s = await session(t);
  const q = await scoresQuestion(s);
  const phone = await s.phone('phone');
  await join(phone, s.url);
  const token = await phone.page.evaluate(() => JSON.parse(localStorage.getItem('cabildo.phone.joined')).device_token);
  const ids = Object.values(q.criteria);
  const ballot = (client, values) => ({
    question_id: q.id,
    client_ballot_id: client,
    answer: {
      scores: Object.fromEntries(CANDIDATES.map((c, i) => [q.options[c], Object.fromEntries(ids.map((k, j) => [k, values[i][j]]))])),
    },
  });
  const sent = await api(s.base, 'POST', '/api/ballots', { token, body: ballot('b1', [[4, 4, 4, 4], [2, 3, 2, 3], [5, 5, 4, 4]]) });
  assert.equal(sent.status, 200, JSON.stringify(sent.body));
  await s.run('question', 'close', q.id);
  await s.run('question', 'reveal', q.id);

  const results = phone.page.locator(`${id('results')}[data-shape="means"]`);
  await results.waitFor();
  const rows = await phone.page.locator(`${id('results')} ${id('result-value')}`).evaluateAll((els) =>
    els.map((e) => Number(e.getAttribute('data-value'))));
  assert.deepEqual(rows, [4, 2.5, 4.5]);
  await results.scrollIntoViewIfNeeded();
  await shot(phone.page, 'scores-means');

  // The prioritization's scoring carries the standing: here it is put into the
  // state the page reads, as the server sends it for that question.
  const standing = {
    candidates: CANDIDATES.map((label, i) => ({ id: `c${i}`, label })),
    criteria: CRITERIA.map((label, j) => ({ id: `k${j}`, label })),
    weights: [0.4, 0.3, 0.2, 0.1],
    scorers: 1,
    ranking: {
      candidates: [
        { candidate: 2, n: 1, weighted: 4.6, median: 4.6, spread: 0, agreement: 'high', criteria: [], rank: 1, tied: false },
        { candidate: 0, n: 1, weighted: 4, median: 4, spread: 0.8, agreement: 'medium', criteria: [], rank: 2, tied: true },
        { candidate: 1, n: 1, weighted: 4, median: 4, spread: 1.2, agreement: 'low', criteria: [], rank: 2, tied: true },
      ],
      sensitivity: { equal_weights: null, without_heaviest: null },
    },
  };
  await phone.page.route('**/api/events**', () => {}); // held: the state below is the one shown
  await phone.page.route('**/api/state', async (route) => {
    const response = await route.fetch();
    const body = await response.json();
    await route.fulfill({ response, json: { ...body, standing } });
  });
  await phone.page.reload();
  await phone.page.locator(`${id('results')}[data-shape="standing"]`).waitFor();
  const standingRows = phone.page.locator(id('standing-row'));
  assert.deepEqual(await standingRows.evaluateAll((els) => els.map((e) => [e.dataset.rank, e.dataset.tied])), [
    ['1', 'false'],
    ['2', 'true'],
    ['2', 'true'],
  ]);
  const second = (await standingRows.nth(1).innerText()).replace(/\s+/g, ' ');
  assert.ok(second.includes(`2. ${CANDIDATES[0]}`), second);
  assert.ok(second.includes(say('tie')) && second.includes(say('agreement.medium')), second);
  await phone.page.locator(id('results')).scrollIntoViewIfNeeded();
  await shot(phone.page, 'scores-standing');
  s.checkPhones();
});

test('phones propose ideas; the same idea from two phones counts twice, and the room sees them', async (t) => {
  const base = await session(t);
  const q = await base.question('ideas', '¿Qué causas explican el problema priorizado?', []);
  const a = await base.phone('phone A');
  const b = await base.phone('phone B');
  await join(a, base.url);
  await join(b, base.url);

  for (let k = 0; k < 5; k++) {
    const box = a.page.locator(id(`idea-input-${k}`));
    assert.equal(await box.getAttribute('maxlength'), '140');
  }
  assert.equal(await a.page.locator(id('idea-input-5')).count(), 0, 'five boxes at most');
  const send = a.page.locator(id('send'));
  assert.equal(await send.innerText(), say('send_ideas'));
  await send.tap();
  await message(a.page, 'invalid.ideas_missing');

  await a.page.locator(id('idea-input-0')).fill('Pocas escuelas secundarias en zonas rurales');
  await a.page.locator(id('idea-input-2')).fill('  Caminos   intransitables en invierno ');
  await shot(a.page, 'ideas-typed');
  await a.page.locator(id('send')).tap();
  await received(a, 'Pocas escuelas secundarias en zonas rurales|Caminos intransitables en invierno', 'received_ideas');

  await b.page.locator(id('idea-input-0')).fill('caminos intransitables en invierno');
  await b.page.locator(id('send')).tap();
  await received(b, 'caminos intransitables en invierno', 'received_ideas');

  const tally = await base.results(q.id);
  assert.equal(tally.kind, 'ideas');
  assert.equal(tally.n, 2);
  assert.deepEqual(tally.ideas.map((i) => [i.text, i.count]), [
    ['Caminos intransitables en invierno', 2],
    ['Pocas escuelas secundarias en zonas rurales', 1],
  ]);

  await base.run('question', 'close', q.id);
  await base.run('question', 'reveal', q.id);
  for (const p of [a, b]) {
    await p.page.locator(`${id('results')}[data-shape="ideas"]`).waitFor();
    const rows = await p.page.locator(`${id('results')} ${id('result-row')}`).allInnerTexts();
    assert.deepEqual(rows.map((r) => r.replace(/\s+/g, ' ').trim()), [
      `Caminos intransitables en invierno ${say('idea_count', { n: 2 })}`,
      `Pocas escuelas secundarias en zonas rurales ${say('idea_count', { n: 1 })}`,
    ]);
  }
  await a.page.locator(id('results')).scrollIntoViewIfNeeded();
  await shot(a.page, 'ideas-results');
  base.checkPhones();
});

test('scores ballots that do not fit are refused with a clear message, and nothing is recorded', async (t) => {
  const s = await session(t);
  const q = await scoresQuestion(s);
  const joined = await api(s.base, 'POST', '/api/join', { body: { pin: PIN } });
  assert.equal(joined.status, 200);
  const token = joined.body.device_token;
  const [first, second] = Object.values(q.criteria);
  const option = q.options[CANDIDATES[0]];
  const full = Object.fromEntries(Object.values(q.criteria).map((k) => [k, 3]));
  const post = (n, answer) =>
    api(s.base, 'POST', '/api/ballots', { token, body: { question_id: q.id, client_ballot_id: `bad-${n}`, answer } });

  const cases = [
    ['a score of 7', { scores: { [option]: { ...full, [first]: 7 } } }, 'rating_out_of_scale', /from 1 to 5, not 7/],
    ['a score of 0', { scores: { [option]: { ...full, [second]: 0 } } }, 'rating_out_of_scale', /from 1 to 5, not 0/],
    ['a missing criterion', { scores: { [option]: { [first]: 3 } } }, 'invalid_answer', /every criterion/],
    ['a score in words', { scores: { [option]: { ...full, [first]: 'five' } } }, 'invalid_answer', /not a scores answer/],
    ['a list instead of a map', { scores: [3, 4] }, 'invalid_answer', /not a scores answer/],
    ['an unknown candidate', { scores: { nobody: full } }, 'invalid_answer', /not an option/],
    ['nothing scored', { scores: {} }, 'invalid_answer', /nothing is scored/],
  ];
  // Every case is tried before failing, so one report names all that went wrong.
  const wrong = [];
  for (const [i, [what, answer, code, says]] of cases.entries()) {
    const r = await post(i, answer);
    const fits = r.status >= 400 && r.status < 500 && r.body.code === code && says.test(r.body.message);
    if (!fits) wrong.push(`${what}: HTTP ${r.status} ${JSON.stringify(r.body)}`);
  }
  const tally = await s.results(q.id);
  assert.equal(tally.n, 0, 'no garbage was recorded');
  assert.ok(tally.options.every((o) => o.n === 0));
  assert.deepEqual(wrong, [], 'each is refused with a 4xx, its code and a clear message');

  const ok = await post('good', { scores: { [option]: full } });
  assert.equal(ok.status, 200, 'a whole candidate, fully scored, is taken');
  assert.equal((await s.results(q.id)).n, 1);
});
