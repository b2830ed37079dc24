// One editor per question kind: big buttons that change the draft in place and
// then call `changed()` so the page redraws. Only typed numbers (points) pass
// `live`, which redraws the counter without rebuilding the field being typed in.
import {
  GRID_STEPS, MAX_IDEAS, MAX_IDEA_CHARS, SCORE_VALUES, budgetOf, criteriaOf, scaleOf, total, unscored, type Draft,
} from './answers';
import { h, type Child } from './dom';
import type { Translate } from './i18n';
import type { Answer, Question } from './types';

export type Changed = (live?: boolean) => void;

/** Scale values get words only on the usual 1–5 scale, which the locale names. */
const named = (q: Question) => {
  const { min, max } = scaleOf(q);
  return min === 1 && max === 5;
};

export function scaleText(q: Question, v: number, t: Translate): string {
  return named(q) ? `${v} — ${t(`scale.${v}`)}` : String(v);
}

/** A grid value as its step, 1–5, and the step's word (the nearest step for a value sent from elsewhere). */
const levelText = (value: number, t: Translate) => {
  const step = Math.round(value * (GRID_STEPS.length - 1)) + 1;
  return `${step} — ${t(`level.${step}`)}`;
};

/**
 * A big toggle: pressed state is said by aria-pressed and shown by a ✓ and inverted
 * colours, never colour alone. (Object.assign, not a spread: es2017 would add a helper.)
 */
function choice(text: string, pressed: boolean, onclick: () => void, extra: Record<string, unknown>) {
  return h('button', Object.assign({ type: 'button', class: 'choice', 'data-testid': 'choice', 'aria-pressed': pressed, onclick }, extra),
    h('span', { class: 'mark', 'aria-hidden': 'true' }, pressed ? '✓' : ''), text);
}

export function editor(q: Question, d: Draft, t: Translate, changed: Changed): Child[] {
  const label = labels(q);
  switch (q.kind) {
    case 'scale': {
      const { min, max } = scaleOf(q);
      const buttons: Child[] = [];
      for (let v = min; v <= max; v++) {
        buttons.push(choice(scaleText(q, v, t), d.value === v, () => ((d.value = v), changed()), { 'data-key': `v${v}`, 'data-value': v }));
      }
      return [h('p', { class: 'hint' }, t('scale_hint', { min, max })), h('div', { class: named(q) ? 'choices' : 'choices wrap' }, buttons)];
    }
    case 'single':
      return [
        h('p', { class: 'hint' }, t('single_hint')),
        h('div', { class: 'choices' }, q.options.map((o) =>
          choice(o.label, d.option === o.id, () => ((d.option = o.id), changed()), { 'data-key': o.id, 'data-option': o.id }))),
      ];
    case 'multiple': {
      const limit = typeof q.budget === 'number' ? q.budget : null;
      const full = limit !== null && d.options.length >= limit;
      const toggle = (id: string) => {
        const at = d.options.indexOf(id);
        if (at >= 0) d.options.splice(at, 1);
        else d.options.push(id);
        changed();
      };
      return [
        h('p', { class: 'hint' }, limit === null ? t('multiple_hint') : t('multiple_budget', { budget: limit })),
        h('div', { class: 'choices' }, q.options.map((o) => {
          const on = d.options.indexOf(o.id) >= 0;
          return choice(o.label, on, () => toggle(o.id), { 'data-key': o.id, 'data-option': o.id, disabled: full && !on });
        })),
      ];
    }
    case 'points':
    case 'dots':
      return shares(q, d, t, changed);
    case 'ranking':
      return [h('p', { class: 'hint' }, t('ranking_hint')), h('ol', { class: 'ranking' }, d.order.map((id, i) => {
        const move = (by: number) => {
          d.order.splice(i, 1);
          d.order.splice(i + by, 0, id);
          changed();
        };
        return h('li', { 'data-testid': 'rank-item', 'data-option': id },
          h('span', { class: 'place' }, `${i + 1}.`),
          h('span', { class: 'label' }, label[id]),
          h('button', { type: 'button', class: 'step', 'data-key': `up${id}`, 'data-testid': 'rank-up', disabled: i === 0, 'aria-label': t('move_up', { label: label[id] }), onclick: () => move(-1) }, '↑'),
          h('button', { type: 'button', class: 'step', 'data-key': `down${id}`, 'data-testid': 'rank-down', disabled: i === d.order.length - 1, 'aria-label': t('move_down', { label: label[id] }), onclick: () => move(1) }, '↓'));
      }))];
    case 'grid':
      return [h('p', { class: 'hint' }, t('grid_hint')), q.options.map((o) => {
        const axis = (name: 'impact' | 'feasibility') => {
          const chosen = (d.grid[o.id] || {})[name];
          const pick = (value: number) => {
            d.grid[o.id] = Object.assign({}, d.grid[o.id], { [name]: value });
            changed();
          };
          return h('div', { class: 'axis', role: 'group', 'aria-label': `${o.label}: ${t(name)}` },
            h('p', null, t('pair', { label: t(name), value: chosen === undefined ? '—' : levelText(chosen, t) })),
            h('div', { class: 'steps' }, GRID_STEPS.map((value, i) =>
              choice(String(i + 1), chosen === value, () => pick(value), {
                'data-key': `${name}${i}${o.id}`,
                'data-testid': 'grid-step',
                'data-option': o.id,
                'data-axis': name,
                'data-step': i + 1,
                'aria-label': `${t(name)}: ${t(`level.${i + 1}`)}`,
              }))));
        };
        return h('fieldset', { class: 'grid' }, h('legend', null, o.label), axis('impact'), axis('feasibility'));
      })];
    case 'scores':
      return scores(q, d, t, changed);
    case 'ideas':
      return [h('p', { class: 'hint' }, t('ideas_hint', { max: MAX_IDEAS, chars: MAX_IDEA_CHARS })), d.ideas.map((text, k) =>
        h('label', { class: 'field idea' }, t('idea_label', { k: k + 1 }),
          // A textarea shows the whole idea on a narrow screen; line breaks are squeezed out before sending.
          h('textarea', {
            rows: 2, maxlength: MAX_IDEA_CHARS, autocomplete: 'off', value: text, 'data-key': `idea${k}`, 'data-testid': `idea-input-${k}`,
            oninput: (e: Event) => {
              d.ideas[k] = (e.target as HTMLTextAreaElement).value;
              changed(true);
            },
          })))];
  }
}

/**
 * Scores: one screen per candidate, so a thumb never scrolls through a table —
 * each criterion a row of five buttons, previous and next below; Send is on the
 * last screen (render.ts) and says what is missing until every score is given.
 */
function scores(q: Question, d: Draft, t: Translate, changed: Changed): Child[] {
  const count = q.options.length;
  const page = Math.max(0, Math.min(d.page, count - 1));
  const o = q.options[page];
  if (!o) return [];
  const given = d.scores[o.id] || {};
  const left = unscored(q, d, o.id);
  const go = (to: number) => {
    d.page = to;
    changed();
    // The next candidate starts at its name, not where the thumb left the last one.
    window.scrollTo(0, 0);
  };
  const pick = (criterion: string, value: number) => {
    d.scores[o.id] = Object.assign({}, d.scores[o.id], { [criterion]: value });
    changed();
  };
  return [
    h('p', { class: 'hint' }, t('scores_hint')),
    h('p', { class: 'progress', 'data-testid': 'score-progress', 'data-page': page + 1, 'data-total': count },
      t('score.progress', { k: page + 1, total: count })),
    h('h3', { class: 'candidate', 'data-testid': 'score-candidate', 'data-option': o.id }, o.label),
    criteriaOf(q).map((c, j) => {
      const chosen = given[c.id];
      return h('div', { class: 'axis', role: 'group', 'aria-label': c.label, 'data-testid': 'score-row', 'data-criterion': c.id },
        h('p', null, t('pair', { label: c.label, value: chosen === undefined ? '—' : `${chosen} — ${t(`level.${chosen}`)}` })),
        h('div', { class: 'steps' }, SCORE_VALUES.map((v) =>
          choice(String(v), chosen === v, () => pick(c.id, v), {
            'data-key': `score${page}-${j}-${v}`,
            'data-testid': `score-${j}-${v}`,
            'data-value': v,
            'aria-label': `${c.label}: ${v} — ${t(`level.${v}`)}`,
          }))));
    }),
    h('p', { class: left > 0 ? 'count' : 'count done', 'data-testid': 'score-left', 'data-left': left },
      left > 0 ? t('score.left', { n: left }) : t('score.complete')),
    h('div', { class: 'pager' },
      h('button', { type: 'button', class: 'secondary', 'data-key': 'prev', 'data-testid': 'score-prev', disabled: page === 0, onclick: () => go(page - 1) },
        // A no-break space keeps the arrow with its word on a narrow button.
        `←\u00a0${t('score.prev')}`),
      page < count - 1 && h('button', { type: 'button', class: left > 0 ? 'secondary' : 'secondary ready', 'data-key': 'next', 'data-testid': 'score-next', onclick: () => go(page + 1) },
        `${t('score.next')}\u00a0→`)),
  ];
}

/**
 * Points (must reach the budget exactly) and dots (at most the budget): − and + per
 * option, and points may also be typed. Typing does not redraw the buttons, so they
 * read the amounts when tapped, and only dots (never typed) show them disabled.
 */
function shares(q: Question, d: Draft, t: Translate, changed: Changed): Child[] {
  const budget = budgetOf(q);
  const points = q.kind === 'points';
  // Steps of 5 when sharing 100 points: twenty taps, not a hundred.
  const step = points && budget >= 50 ? 5 : 1;
  const left = () => budget - total(d.shares);
  const add = (id: string, sign: number) => {
    const n = d.shares[id] ?? 0;
    d.shares[id] = n + sign * Math.max(0, Math.min(step, sign > 0 ? left() : n));
    changed();
  };
  return [
    h('p', { class: 'hint' }, t(points ? 'points_hint' : 'dots_hint', { budget })),
    q.options.map((o) => {
      const n = d.shares[o.id] ?? 0;
      const shown = points
        ? h('input', {
          class: 'amount', type: 'text', inputmode: 'numeric', pattern: '[0-9]*', maxlength: 4, value: n,
          'data-key': `in${o.id}`, 'data-testid': 'share-amount', 'data-option': o.id, 'aria-label': o.label,
          oninput: (e: Event) => {
            d.shares[o.id] = parseInt((e.target as HTMLInputElement).value.replace(/\D/g, ''), 10) || 0;
            changed(true);
          },
        })
        : h('span', { class: 'amount', 'data-testid': 'share-amount', 'data-option': o.id, 'data-n': n }, `${n} `, h('span', { 'aria-hidden': 'true' }, '●'.repeat(n)));
      return h('div', { class: 'share' },
        h('span', { class: 'label' }, o.label),
        h('span', { class: 'stepper' },
          h('button', { type: 'button', class: 'step', 'data-key': `less${o.id}`, 'data-testid': 'share-less', 'data-option': o.id, disabled: !points && n <= 0, 'aria-label': t('less', { label: o.label }), onclick: () => add(o.id, -1) }, '−'),
          shown,
          h('button', { type: 'button', class: 'step', 'data-key': `more${o.id}`, 'data-testid': 'share-more', 'data-option': o.id, disabled: !points && left() <= 0, 'aria-label': t('more', { label: o.label }), onclick: () => add(o.id, 1) }, '+')));
    }),
  ];
}

/** The line under points and dots that says how many are left; redrawn as numbers are typed. */
export function counter(q: Question, d: Draft, t: Translate): Child {
  if (q.kind !== 'points' && q.kind !== 'dots') return null;
  const left = budgetOf(q) - total(d.shares);
  const key = left > 0 ? `${q.kind}_left` : left < 0 ? 'points_over' : `${q.kind}_done`;
  return h('p', { class: left < 0 ? 'count warn' : 'count', 'data-testid': 'counter', 'data-left': left }, t(key, { n: Math.abs(left) }));
}

/** An answer in words, to confirm what was received. */
export function summary(q: Question, a: Answer, t: Translate): Child[] {
  const label = labels(q);
  const amounts = (r: Record<string, number>) =>
    q.options.filter((o) => r[o.id] > 0).map((o) => t('pair', { label: o.label, value: r[o.id] }));
  const lines =
    'value' in a ? [scaleText(q, a.value, t)]
      : 'option' in a ? [label[a.option]]
        : 'options' in a ? a.options.map((id) => label[id])
          : 'points' in a ? amounts(a.points)
            : 'dots' in a ? amounts(a.dots)
              : 'order' in a ? a.order.map((id, i) => `${i + 1}. ${label[id]}`)
                : 'ideas' in a ? a.ideas
                  : 'scores' in a ? q.options.filter((o) => a.scores[o.id]).map((o) => {
                    const given = a.scores[o.id];
                    const values = criteriaOf(q).map((c) => `${c.label} ${given[c.id]}`).join(' · ');
                    return t('pair', { label: o.label, value: values });
                  })
                    : q.options.filter((o) => a.placements[o.id]).map((o) => {
                      const p = a.placements[o.id];
                      const axes = `${t('impact')} ${levelText(p.impact, t)} · ${t('feasibility')} ${levelText(p.feasibility, t)}`;
                      return t('pair', { label: o.label, value: axes });
                    });
  return lines.map((line) => h('li', null, line));
}

function labels(q: Question): Record<string, string> {
  const out: Record<string, string> = {};
  for (const o of q.options) out[o.id] = o.label;
  return out;
}
