// What the page does: join with the PIN, follow the open question over
// Server-Sent Events, keep a ballot on the phone until the laptop acknowledges it,
// and heal after a reload, a lost Wi-Fi or a phone that slept.
import * as api from './api';
import { budgetOf, check, fromAnswer, missingScores, toAnswer } from './answers';
import { backoffDelay, shouldRetry } from './backoff';
import { browserLanguage, translator } from './i18n';
import { createView, errorMessage, type Message, type Model } from './render';
import { newBallotId, type KeyValue, type Store, createStore } from './store';
import type { Joined, Language, Question, State } from './types';

export function start(root: HTMLElement, storage: KeyValue | null, search: string) {
  const store: Store = createStore(storage);
  const joined = store.joined();
  const model: Model = {
    language: store.language() ?? (joined && joined.language) ?? browserLanguage(navigator.languages || [navigator.language]) ?? 'es',
    joined,
    // The QR code carries the PIN: the person only has to tap "Join".
    pin: (new URLSearchParams(search).get('pin') || '').replace(/\D/g, '').slice(0, 6),
    name: '',
    joining: false,
    state: null,
    offline: false,
    draft: null,
    code: '',
    editing: false,
    sent: null,
    pending: store.pending(),
    message: null,
  };
  const t = () => translator(model.language);
  const view = createView(root, model, {
    join,
    language(l: Language) {
      model.language = l;
      store.setLanguage(l);
      view.render();
    },
    changed(live?: boolean) {
      // What was said about the previous choice no longer holds; a ballot on its way keeps its note.
      if (!model.pending) model.message = null;
      if (live) view.live();
      else view.render();
    },
    send,
    editing(on: boolean) {
      model.editing = on;
      model.message = null;
      const q = model.state && model.state.question;
      if (on && q && model.sent) model.draft = fromAnswer(q, model.sent.answer);
      view.render();
    },
  });

  let stopEvents: (() => void) | null = null;
  let reconnectTimer = 0;
  let reconnects = 0;
  /** Bumped by each connect(), so an older attempt that resolves late does nothing. */
  let generation = 0;
  let sendTimer = 0;
  let sends = 0;
  let inFlight = false;

  async function join() {
    const pin = model.pin.replace(/\D/g, '');
    if (pin.length !== 6) return show({ key: 'error.pin_invalid' });
    model.joining = true;
    model.message = null;
    view.render();
    const r = await api.join(pin, model.name.trim());
    model.joining = false;
    if (!r.ok) return show(errorMessage(r.error.code, t()));
    store.setJoined(r.value);
    // The workshop's language, unless this phone chose one.
    model.language = store.language() ?? r.value.language;
    welcome(r.value);
  }

  function welcome(j: Joined) {
    model.joined = j;
    model.message = null;
    view.render();
    connect();
  }

  /** Back to the PIN: the laptop no longer knows this phone (a new session, or a restart). */
  function leave() {
    if (stopEvents) stopEvents();
    stopEvents = null;
    clearTimeout(reconnectTimer);
    clearTimeout(sendTimer);
    generation++;
    store.setJoined(null);
    store.setPending(null);
    store.setSent(null);
    Object.assign(model, { joined: null, state: null, offline: false, draft: null, sent: null, pending: null, editing: false });
    show(errorMessage('not_joined', t()));
  }

  /** The whole state by GET, then the event stream; on failure, again after a growing pause. */
  async function connect() {
    const token = model.joined && model.joined.device_token;
    if (!token) return;
    const mine = ++generation;
    clearTimeout(reconnectTimer);
    if (stopEvents) stopEvents();
    stopEvents = null;
    const r = await api.getState(token);
    if (mine !== generation) return;
    if (!r.ok) {
      if (r.error.status === 401) return leave();
      model.offline = true;
      view.render();
      reconnectTimer = window.setTimeout(connect, backoffDelay(reconnects++));
      return;
    }
    model.offline = false;
    apply(r.value, true);
    deliver();
    stopEvents = api.listen(
      token,
      (s) => {
        reconnects = 0;
        model.offline = false;
        apply(s, false);
      },
      () => {
        stopEvents = null;
        model.offline = true;
        view.render();
        reconnectTimer = window.setTimeout(connect, backoffDelay(reconnects++));
      },
    );
  }

  /** A new state from GET (`full`: it carries my_ballot) or from an event (it does not). */
  function apply(s: State, full: boolean) {
    const before = model.state && model.state.question;
    const q = s.question;
    model.state = s;
    if (!q) return view.render();
    if (!before || before.id !== q.id) {
      Object.assign(model, { draft: null, code: '', editing: false, message: null });
      const kept = store.sent();
      model.sent = kept && kept.question_id === q.id ? kept : null;
    }
    if (full) {
      // The laptop is the judge of what it holds; it leaves my_ballot out when there is none.
      const mine = s.my_ballot;
      model.sent = mine && !check(q, mine) ? { question_id: q.id, answer: mine } : null;
      store.setSent(model.sent);
    }
    if (!model.draft) {
      const p = model.pending;
      model.draft = fromAnswer(q, p && p.question_id === q.id ? p.answer : model.sent ? model.sent.answer : null);
    }
    view.render();
  }

  function send() {
    const q = model.state && model.state.question;
    if (!q || !model.joined || !model.draft) return;
    const problem = why(q);
    if (problem) return show(problem);
    const answer = toAnswer(q, model.draft);
    if (!answer) return;
    // Stored before it leaves, with its id: a retry after a reload is the same ballot.
    const ballot = { question_id: q.id, client_ballot_id: newBallotId(), answer, voting_code: q.requires_code ? model.code.trim() : undefined };
    store.setPending(ballot);
    model.pending = ballot;
    model.message = null;
    sends = 0;
    deliver();
  }

  function why(q: Question): Message | null {
    const d = model.draft;
    const p = d ? check(q, toAnswer(q, d)) : 'missing';
    if (p === 'scores_missing' && d) {
      const missing = missingScores(q, d);
      const first = q.options[missing.first];
      return { key: `invalid.${p}`, params: { n: missing.n, label: first ? first.label : '' } };
    }
    if (p) return { key: `invalid.${p}`, params: { budget: budgetOf(q) } };
    return q.requires_code && !model.code.trim() ? { key: 'code_missing' } : null;
  }

  /** Sends the pending ballot until the laptop acknowledges it (200) or refuses it for good. */
  async function deliver() {
    const ballot = model.pending;
    const token = model.joined && model.joined.device_token;
    if (!ballot || !token || inFlight) return;
    clearTimeout(sendTimer);
    inFlight = true;
    view.render();
    const r = await api.postBallot(token, ballot);
    inFlight = false;
    // A newer answer was given meanwhile: that one is what counts now.
    if (model.pending !== ballot) return deliver();
    if (r.ok) {
      sends = 0;
      model.pending = null;
      store.setPending(null);
      model.sent = { question_id: ballot.question_id, answer: ballot.answer };
      store.setSent(model.sent);
      model.editing = false;
      model.message = null;
    } else if (shouldRetry(r.error)) {
      model.message = errorMessage(r.error.status === 429 ? 'rate_limited' : 'network', t());
      sendTimer = window.setTimeout(deliver, backoffDelay(sends++));
    } else if (r.error.status === 401) {
      return leave();
    } else {
      model.pending = null;
      store.setPending(null);
      model.message = errorMessage(r.error.code, t());
    }
    view.render();
  }

  function show(m: Message) {
    model.message = m;
    view.render();
  }

  // Phones sleep and drop the Wi-Fi: on waking, take the whole state again and resend.
  const wake = () => {
    if (document.visibilityState !== 'hidden' && model.joined) {
      reconnects = 0;
      sends = 0;
      connect();
    }
  };
  document.addEventListener('visibilitychange', wake);
  window.addEventListener('online', wake);

  view.render();
  if (joined) welcome(joined);
}
