// DEVELOPMENT AID ONLY — never shipped, not the real server (that is crates/lan).
// A fake of docs/lan-api.yaml on loopback, to try the phone page in a browser:
//   npm run build:phone && node phone/dev-server.mjs    then open http://127.0.0.1:8787/?pin=123456
// Type a command and Enter: n = open the next kind of question, c = close it,
// r = reveal results, w = no question, f = toggle failing ballots (503), x = forget phones (401).
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

const dist = new URL('../dist-phone/', import.meta.url);
const opts = ['Agua', 'Salud', 'Empleo'].map((label, i) => ({ id: `o${i}`, label }));
const kinds = [
  { kind: 'scale', options: [], scale: { min: 1, max: 5 } },
  { kind: 'single', options: opts },
  { kind: 'multiple', options: opts, budget: 2 },
  { kind: 'points', options: opts, budget: 100 },
  { kind: 'dots', options: opts, budget: 3, requires_code: true },
  { kind: 'ranking', options: opts },
  { kind: 'grid', options: opts },
];
const tokens = new Set();
const ballots = new Map(); // token → ballot, for the open question
let next = 0, question = null, revealed = false, failing = false;
const clients = new Set();

const state = () => ({
  question,
  counts: { phones: tokens.size, ballots: ballots.size },
  results: revealed && question ? results() : null,
});
// Made-up tallies in the shapes of crates/core/src/voting/tally.rs.
const results = () => question.kind === 'scale'
  ? { kind: 'scale', scale: question.scale, counts: [1, 0, 2, 5, 3], n: 11, mean: 3.82 }
  : { kind: 'options', question_kind: question.kind, n: 4, options: opts.map((o, i) =>
    ({ option: o.id, label: o.label, count: 4 - i, mean: 1 + i / 2, borda: 6 - 2 * i, impact: 0.8 - i / 4, feasibility: 0.3 + i / 4 })) };
const push = () => { for (const res of clients) res.write(`event: state\ndata: ${JSON.stringify(state())}\n\n`); };
const send = (res, status, body) => { res.writeHead(status, { 'Content-Type': 'application/json' }); res.end(JSON.stringify(body)); };
const error = (res, status, code) => send(res, status, { code, message: code });

createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  const token = (req.headers.authorization || '').replace('Bearer ', '') || url.searchParams.get('token');
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    const file = { '/': 'index.html', '/phone.js': 'phone.js', '/phone.css': 'phone.css' }[url.pathname];
    if (file) {
      const type = { html: 'text/html', js: 'text/javascript', css: 'text/css' }[file.split('.').pop()];
      res.writeHead(200, { 'Content-Type': `${type}; charset=utf-8` });
      return res.end(readFileSync(new URL(file, dist)));
    }
    if (url.pathname === '/api/join') {
      const { pin } = JSON.parse(body || '{}');
      if (pin !== '123456') return error(res, 401, 'bad_pin');
      const t = Math.random().toString(36).slice(2);
      tokens.add(t);
      push();
      return send(res, 200, { device_token: t, workshop_title: 'Taller del Valle del Itata', language: 'es' });
    }
    if (!tokens.has(token)) return error(res, 401, 'not_joined');
    if (url.pathname === '/api/state') return send(res, 200, { ...state(), my_ballot: ballots.get(token)?.answer ?? null });
    if (url.pathname === '/api/events') {
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store' });
      clients.add(res);
      res.on('close', () => clients.delete(res));
      return res.write(`event: state\ndata: ${JSON.stringify(state())}\n\n`);
    }
    if (url.pathname === '/api/ballots' && req.method === 'POST') {
      if (failing) return error(res, 503, 'unavailable');
      const b = JSON.parse(body);
      if (!question || b.question_id !== question.id) return error(res, 409, 'no_such_question');
      if (question.state !== 'open') return error(res, 409, 'question_closed');
      if (question.requires_code && b.voting_code !== 'ABC') return error(res, 403, 'bad_code');
      const replaced = ballots.has(token);
      ballots.set(token, b);
      push();
      return send(res, 200, { client_ballot_id: b.client_ballot_id, replaced });
    }
    error(res, 404, 'not_found');
  });
}).listen(8787, '127.0.0.1', () => console.log('fake server on http://127.0.0.1:8787/?pin=123456'));

createInterface({ input: process.stdin }).on('line', (cmd) => {
  cmd = cmd.trim();
  if (cmd === 'n') {
    const k = kinds[next++ % kinds.length];
    question = { id: `q${next}`, prompt: `¿Pregunta de tipo ${k.kind}?`, state: 'open', ...k };
    revealed = false;
    ballots.clear();
  } else if (cmd === 'c' && question) question.state = 'closed';
  else if (cmd === 'r') revealed = true;
  else if (cmd === 'w') question = null;
  else if (cmd === 'f') failing = !failing;
  else if (cmd === 'x') tokens.clear();
  console.log(cmd, JSON.stringify({ question: question && question.kind, state: question && question.state, revealed, failing }));
  push();
});
