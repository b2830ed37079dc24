// The page: a header (workshop and language), a status line (phones, votes, or the
// lost connection) and the main area (join, wait, question, results). Each part is
// rebuilt only when what it shows changed, so the live counts that arrive with
// every vote never replace a field someone is typing in.
import { missingScores, type Draft } from './answers';
import { fill, h, type Child } from './dom';
import { counter, editor, scaleText, summary } from './editors';
import { LANGUAGES, translator, type Params, type Translate } from './i18n';
import { readTally, type Tally } from './results';
import type { Sent } from './store';
import type { BallotInput, Joined, Language, Question, State } from './types';

/** A text to show: a locale key under `phone` and its params. */
export interface Message {
  key: string;
  params?: Params;
}

export interface Model {
  language: Language;
  joined: Joined | null;
  pin: string;
  name: string;
  joining: boolean;
  state: State | null;
  offline: boolean;
  /** What is being chosen on the open question. */
  draft: Draft | null;
  code: string;
  /** "Change my vote" was pressed: the editor shows again over a received vote. */
  editing: boolean;
  /** The acknowledged answer on the current question. */
  sent: Sent | null;
  /** A ballot stored on the phone and not yet acknowledged. */
  pending: BallotInput | null;
  message: Message | null;
}

export interface Actions {
  join(): void;
  language(l: Language): void;
  /** The draft or a field changed; `live` when typed, so only counters redraw. */
  changed(live?: boolean): void;
  send(): void;
  editing(on: boolean): void;
}

export function createView(root: HTMLElement, model: Model, actions: Actions) {
  const header = h('header', null);
  const status = h('p', { class: 'status', 'data-testid': 'status' });
  const main = h('main', null);
  fill(root, header, status, main);
  const shown: Record<string, string> = {};
  /** The part of the question screen that typing changes: counter, message, buttons. */
  let footer: HTMLElement | null = null;

  // Rebuilds `el` when its signature changed; keeps focus on the element with the same data-key.
  const put = (name: string, el: HTMLElement, sig: string, build: () => Child[]) => {
    if (shown[name] === sig) return;
    shown[name] = sig;
    const focused = document.activeElement as HTMLElement | null;
    const key = focused && el.contains(focused) ? focused.getAttribute('data-key') : null;
    fill(el, build());
    const again = key ? (el.querySelector(`[data-key="${key}"]`) as HTMLElement | null) : null;
    if (again) again.focus();
  };

  const mainSig = () =>
    JSON.stringify([model.language, model.joined && model.joined.device_token, model.joining,
      model.state && [model.state.question, model.state.results, model.state.standing, model.state.question ? 0 : model.state.counts.phones],
      model.draft, model.editing, model.sent, model.message]);
  const footerSig = () => JSON.stringify([model.language, model.draft && [model.draft.shares, model.draft.scores, model.draft.page], model.message, model.offline,
    model.pending && model.pending.client_ballot_id, model.editing]);

  function render() {
    const t = translator(model.language);
    document.documentElement.lang = model.language;
    document.title = t('title');
    put('header', header, JSON.stringify([model.language, model.joined]), () => headerView(model, t, actions));
    const line = statusLine(model, t);
    put('status', status, line, () => statusView(model, line, t));
    status.className = model.offline ? 'status warn' : 'status';
    put('main', main, mainSig(), () => {
      footer = null;
      shown.footer = '';
      return mainView(model, t, actions, (el) => (footer = el));
    });
    live();
  }

  /**
   * Redraws the footer of the question (counter, message, Send) when it changed; on
   * its own after typing, which leaves the fields in place. It is not rebuilt for
   * every vote that arrives, so a finger on Send never loses its button.
   */
  function live() {
    const q = model.state && model.state.question;
    const el = footer;
    if (el && q && model.draft) {
      const d = model.draft;
      put('footer', el, footerSig(), () => footerView(q, d, model, translator(model.language), actions));
    }
    shown.main = mainSig();
  }

  return { render, live };
}

function headerView(model: Model, t: Translate, actions: Actions): Child[] {
  return [
    h('h1', { 'data-testid': 'workshop-title' }, model.joined ? model.joined.workshop_title : t('title')),
    h('label', { class: 'lang' }, `${t('language')} `,
      h('select', { 'data-testid': 'language', onchange: (e: Event) => actions.language((e.target as HTMLSelectElement).value as Language) },
        LANGUAGES.map((l) => h('option', { value: l, selected: l === model.language }, t(`lang.${l}`))))),
  ];
}

function statusLine(model: Model, t: Translate): string {
  if (model.offline) return `⚠ ${t('error.network')}`;
  const s = model.state;
  if (!model.joined || !s || !s.question) return '';
  return `${t('phones', { n: s.counts.phones })} · ${t('ballots', { n: s.counts.ballots })}`;
}

/** The status line as shown: each count in its own element, so tests can read it. */
function statusView(model: Model, line: string, t: Translate): Child[] {
  const s = model.state;
  if (model.offline || !s || !line) return [h('span', { 'data-testid': model.offline ? 'offline' : null }, line)];
  const { phones, ballots } = s.counts;
  return [
    h('span', { 'data-testid': 'count-phones', 'data-n': phones }, t('phones', { n: phones })),
    ' · ',
    h('span', { 'data-testid': 'count-ballots', 'data-n': ballots }, t('ballots', { n: ballots })),
  ];
}

/** An error code from the server (or `network`) as the message that explains it. */
export function errorMessage(code: string, t: Translate): Message {
  const key = `error.${code}`;
  return t(key) === key ? { key: 'error.other', params: { code } } : { key };
}

// `data-message` is the locale key (e.g. `error.bad_pin`), the same in every language.
const say = (m: Message | null, t: Translate) =>
  m && h('p', { class: 'message', role: 'alert', 'data-testid': 'message', 'data-message': m.key }, `⚠ ${t(m.key, m.params)}`);

function mainView(model: Model, t: Translate, actions: Actions, footerAt: (el: HTMLElement) => void): Child[] {
  if (!model.joined) return joinView(model, t, actions);
  const s = model.state;
  if (!s) return [h('p', { class: 'calm', 'data-testid': 'connecting' }, t('connecting'))];
  const q = s.question;
  if (!q) {
    return [h('div', { class: 'calm', 'data-testid': 'waiting' }, h('h2', null, t('wait')), h('p', null, t('wait_hint')),
      h('p', { class: 'big' }, t('phones', { n: s.counts.phones })))];
  }
  const open = q.state === 'open';
  const out: Child[] = [h('h2', { class: 'prompt', 'data-testid': 'prompt', 'data-question': q.id, 'data-state': q.state }, q.prompt)];
  // A newer answer still on its way is shown as sending, not the older one as received.
  const sending = model.pending !== null && model.pending.question_id === q.id;
  if (model.sent && !model.editing && !sending) {
    out.push(h('div', { class: 'received', role: 'status', 'data-testid': 'received' },
      h('p', { class: 'big' }, t(q.kind === 'ideas' ? 'received_ideas' : 'received')),
      h('p', null, t('your_answer')),
      h('ul', { 'data-testid': 'my-answer' }, summary(q, model.sent.answer, t)),
      open && h('button', { type: 'button', class: 'secondary', 'data-testid': 'change', onclick: () => actions.editing(true) }, t('change'))));
  } else if (open && model.draft) {
    out.push(editor(q, model.draft, t, actions.changed));
    if (q.requires_code) {
      out.push(h('label', { class: 'field' }, t('code'),
        h('input', { type: 'text', autocomplete: 'off', autocapitalize: 'characters', value: model.code, 'data-key': 'code', 'data-testid': 'voting-code',
          oninput: (e: Event) => ((model.code = (e.target as HTMLInputElement).value), actions.changed(true)) }),
        h('span', { class: 'hint' }, t('code_hint'))));
    }
    const footer = h('div', { class: 'footer' });
    footerAt(footer);
    out.push(footer);
  }
  if (!open) out.push(h('p', { class: 'calm', 'data-testid': 'closed' }, t('closed')), say(model.message, t));
  const tally = readTally(q, s.results, s.standing);
  if (tally) out.push(resultsView(q, tally, t, model.language));
  return out;
}

function footerView(q: Question, d: Draft, model: Model, t: Translate, actions: Actions): Child[] {
  const pending = model.pending && model.pending.question_id === q.id;
  // Scores: Send only on the last candidate's screen, and until every score is given
  // it says how many are missing and takes the person to the first one.
  const scores = q.kind === 'scores';
  const last = !scores || d.page >= q.options.length - 1;
  const missing = scores ? missingScores(q, d) : { n: 0, first: -1 };
  const send = missing.n > 0
    ? () => {
      d.page = missing.first;
      actions.send();
    }
    : actions.send;
  return [
    counter(q, d, t),
    say(model.message, t),
    pending && h('p', { class: 'hint', 'data-testid': 'pending' }, model.offline || model.message ? t('pending') : t('sending')),
    last && h('button', { type: 'button', class: 'primary', 'data-testid': 'send', 'data-missing': scores ? missing.n : null, onclick: send },
      missing.n > 0 ? t('score.send_missing', { n: missing.n }) : t(q.kind === 'ideas' ? 'send_ideas' : 'send')),
    model.editing && h('button', { type: 'button', class: 'secondary', 'data-testid': 'keep', onclick: () => actions.editing(false) }, t('keep')),
  ];
}

function joinView(model: Model, t: Translate, actions: Actions): Child[] {
  return [h('form', { class: 'join', 'data-testid': 'join', onsubmit: (e: Event) => (e.preventDefault(), actions.join()) },
    h('h2', null, t('join.heading')),
    h('label', { class: 'field' }, t('join.pin'),
      // type=tel brings the digit keypad on Android versions that ignore inputmode.
      h('input', { type: 'tel', inputmode: 'numeric', pattern: '[0-9]*', maxlength: 6, autocomplete: 'off', class: 'pin',
        value: model.pin, 'data-key': 'pin', 'data-testid': 'join-pin', oninput: (e: Event) => (model.pin = (e.target as HTMLInputElement).value) }),
      h('span', { class: 'hint' }, t('join.pin_hint'))),
    h('label', { class: 'field' }, t('join.name'),
      h('input', { type: 'text', maxlength: 80, autocomplete: 'name', value: model.name, 'data-key': 'name', 'data-testid': 'join-name',
        oninput: (e: Event) => (model.name = (e.target as HTMLInputElement).value) }),
      h('span', { class: 'hint' }, t('join.name_hint'))),
    say(model.message, t),
    h('button', { type: 'submit', class: 'primary', 'data-testid': 'join-submit', disabled: model.joining }, model.joining ? t('connecting') : t('join.submit')))];
}

function resultsView(q: Question, tally: Tally, t: Translate, language: Language): Child {
  const fmt = (n: number) => n.toLocaleString(language, { maximumFractionDigits: 2 });
  const name = (label: string) => (q.kind === 'scale' ? scaleText(q, Number(label), t) : label);
  const top = tally.max || Math.max(1, ...tally.rows.map((r) => r.value));
  // The number is always written beside its bar: the bar alone says nothing to a screen reader.
  const bar = (text: string, value: number, max: number) =>
    h('div', { class: 'bar-row', 'data-testid': 'result-row' }, h('span', null, text, ' ', h('b', { 'data-testid': 'result-value', 'data-value': value }, fmt(value))),
      h('span', { class: 'bar', 'aria-hidden': 'true' }, h('span', { style: `width:${Math.round((100 * value) / max)}%` })));
  const caption = tally.shape ? `results_${tally.shape}`
    : q.kind === 'points' || q.kind === 'dots' ? 'results_points'
      : q.kind === 'grid' ? 'results_grid' : q.kind === 'ranking' ? 'results_ranking' : '';
  const body = (): Child => {
    if (tally.shape === 'ideas') {
      return h('ol', { class: 'ideas' }, tally.rows.map((r) => h('li', { 'data-testid': 'result-row' }, h('span', null, r.label), ' ',
        h('b', { class: 'idea-count', 'data-testid': 'result-value', 'data-value': r.value }, t('idea_count', { n: r.value })))));
    }
    if (tally.shape === 'standing') {
      return tally.rows.map((r) => {
        const notes = [r.tied ? `= ${t('tie')}` : '', r.agreement ? t(`agreement.${r.agreement}`) : ''].filter((x) => x !== '');
        return h('div', { class: 'standing', 'data-testid': 'standing-row', 'data-rank': r.rank, 'data-tied': r.tied ? 'true' : 'false' },
          bar(`${r.rank}. ${r.label}`, r.value, top), notes.length > 0 && h('p', { class: 'note' }, notes.join(' · ')));
      });
    }
    if (q.kind === 'ranking') {
      return h('ol', null, tally.rows.map((r) => h('li', { 'data-testid': 'result-row' }, `${r.label} — ${t('rank_mean', { value: fmt(r.value) })}`)));
    }
    return tally.rows.map((r) => {
      if (r.parts) {
        const parts = r.parts.map((p) => `${p.label} ${fmt(p.value)}`).join(' · ');
        return h('div', { class: 'scored' }, bar(r.label, r.value, top), h('p', { class: 'note' }, parts));
      }
      return r.feasibility === undefined ? bar(name(r.label), r.value, top)
        : h('div', { class: 'pair' }, h('p', null, r.label), bar(t('impact'), r.value, 1), bar(t('feasibility'), r.feasibility, 1));
    });
  };
  return h('section', { class: 'results', 'data-testid': 'results', 'data-shape': tally.shape || q.kind },
    h('h2', null, t('results')),
    caption && h('p', { class: 'hint' }, t(caption)),
    body(),
    tally.mean !== undefined && h('p', { class: 'big', 'data-testid': 'result-mean' }, t('mean', { value: fmt(tally.mean) })),
    h('p', { 'data-testid': 'result-n', 'data-n': tally.n }, t('votes', { n: tally.n })));
}
