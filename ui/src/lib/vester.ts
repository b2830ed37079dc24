// The pure part of the Vester tab: which keys a grid cell takes, where focus goes
// next, the sums and filled cells while saves are still on their way, the scatter
// of active against passive sums, and the causes grouped on the problem tree. The
// sums, threshold and quadrants that count are the core's (crates/core/src/vester.rs);
// what is computed here only keeps the screen in step between two answers.
import type { Cause, Quadrant, TreePlace } from './types';

/** The strongest influence; 0 is none. */
export const MAX_INFLUENCE = 3;

export const QUADRANTS: Quadrant[] = ['critical', 'active', 'passive', 'indifferent'];
export const PLACES: TreePlace[] = ['root', 'cause', 'effect', 'aside'];

/** Where a quadrant puts a cause on the tree unless the facilitator moves it. */
export const QUADRANT_PLACE: Record<Quadrant, TreePlace> = {
  critical: 'root',
  active: 'cause',
  passive: 'effect',
  indifferent: 'aside',
};

// ---- Keys and typed text ----

export type Move = 'left' | 'right' | 'up' | 'down' | 'next' | 'previous' | 'home' | 'end';

export type CellKey =
  /** 0–3: saved at once, then focus goes to the next cell. */
  | { kind: 'value'; value: number }
  /** Any other printable key: nothing saved, the cell keeps its value. */
  | { kind: 'refused'; text: string }
  | { kind: 'move'; move: Move }
  /** Swallowed: a cell cannot be emptied once rated. */
  | { kind: 'ignore' }
  /** Left to the browser: Tab, Escape, shortcuts, keys an input method is composing. */
  | { kind: 'pass' };

export interface KeyLike {
  key: string;
  shiftKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  isComposing?: boolean;
}

const MOVES: Record<string, Move> = {
  ArrowLeft: 'left',
  ArrowRight: 'right',
  ArrowUp: 'up',
  ArrowDown: 'down',
  Home: 'home',
  End: 'end',
};

export function classifyKey(e: KeyLike): CellKey {
  if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return { kind: 'pass' };
  if (e.key in MOVES) return { kind: 'move', move: MOVES[e.key] };
  if (e.key === 'Enter') return { kind: 'move', move: e.shiftKey ? 'previous' : 'next' };
  if (e.key === 'Backspace' || e.key === 'Delete') return { kind: 'ignore' };
  // Named keys (Tab, Escape, F5, Shift, Process…) are longer than one character;
  // a printable key is one character, or two for a character outside the BMP.
  if ([...e.key].length !== 1) return { kind: 'pass' };
  const value = influenceOf(e.key);
  return value === null ? { kind: 'refused', text: e.key } : { kind: 'value', value };
}

/** "0"…"3" as a number; anything else null. */
export function influenceOf(text: string): number | null {
  return /^[0-3]$/.test(text) ? Number(text) : null;
}

export type CellText = { kind: 'value'; value: number } | { kind: 'refused'; text: string } | { kind: 'empty' };

/** What a cell holds after an `input` or `change` event (typed, pasted or set by a script). */
export function readCellText(text: string): CellText {
  const trimmed = text.trim();
  if (trimmed === '') return { kind: 'empty' };
  const value = influenceOf(trimmed);
  return value === null ? { kind: 'refused', text: trimmed } : { kind: 'value', value };
}

/** The refused text as the message shows it: a blank would read as nothing at all. */
export const shownText = (text: string) => (text.trim() === '' ? '␣' : text);

// ---- Moving between cells ----

export interface Cell {
  row: number;
  col: number;
}

const inGrid = (n: number, c: Cell) => c.row >= 0 && c.row < n && c.col >= 0 && c.col < n;
const offDiagonal = (n: number, c: Cell) => inGrid(n, c) && c.row !== c.col;

/** The first cell to rate: row 1, column 2. */
export function firstCell(n: number): Cell | null {
  return n >= 2 ? { row: 0, col: 1 } : null;
}

/** The next cell in reading order, past the diagonal and on to the next row; null after the last. */
export function nextCell(n: number, c: Cell): Cell | null {
  let { row, col } = c;
  for (;;) {
    col += 1;
    if (col >= n) {
      row += 1;
      col = 0;
    }
    if (row >= n) return null;
    if (row !== col) return { row, col };
  }
}

/** The cell before, in reading order; null before the first. */
export function previousCell(n: number, c: Cell): Cell | null {
  let { row, col } = c;
  for (;;) {
    col -= 1;
    if (col < 0) {
      row -= 1;
      col = n - 1;
    }
    if (row < 0) return null;
    if (row !== col) return { row, col };
  }
}

/** Steps in one direction, jumping over the diagonal; null at the edge of the grid. */
function step(n: number, c: Cell, dr: number, dc: number): Cell | null {
  let next = { row: c.row + dr, col: c.col + dc };
  if (next.row === next.col) next = { row: next.row + dr, col: next.col + dc };
  return offDiagonal(n, next) ? next : null;
}

/** Where a move from `c` lands; null when it would leave the grid. */
export function moveCell(n: number, c: Cell, move: Move): Cell | null {
  switch (move) {
    case 'left':
      return step(n, c, 0, -1);
    case 'right':
      return step(n, c, 0, 1);
    case 'up':
      return step(n, c, -1, 0);
    case 'down':
      return step(n, c, 1, 0);
    case 'next':
      return nextCell(n, c);
    case 'previous':
      return previousCell(n, c);
    case 'home': {
      const col = c.row === 0 ? 1 : 0;
      return offDiagonal(n, { row: c.row, col }) ? { row: c.row, col } : null;
    }
    case 'end': {
      const col = c.row === n - 1 ? n - 2 : n - 1;
      return offDiagonal(n, { row: c.row, col }) ? { row: c.row, col } : null;
    }
  }
}

// ---- Values while saves are on their way ----

export type Values = (number | null)[][];

/** The key of a cell by its causes' ids, stable while causes are added or removed. */
export const cellKey = (from: string, to: string) => `${from}>${to}`;

/** The matrix's values with the edits not yet answered laid over them. */
export function overlay(ids: string[], values: Values, pending: Record<string, number>): Values {
  return ids.map((from, i) =>
    ids.map((to, j) => {
      if (i === j) return null;
      const typed = pending[cellKey(from, to)];
      return typed ?? values[i]?.[j] ?? null;
    }),
  );
}

/** Row sums (how much each cause drives the others) and column sums (how much it is driven). */
export function sums(values: Values): { active: number[]; passive: number[] } {
  const n = values.length;
  const active = new Array<number>(n).fill(0);
  const passive = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const v = i === j ? null : values[i]?.[j];
      if (v !== null && v !== undefined) {
        active[i] += v;
        passive[j] += v;
      }
    }
  }
  return { active, passive };
}

/** Cells rated so far, of the n × (n − 1) off the diagonal. */
export function countFilled(values: Values): { filled: number; cells: number } {
  const n = values.length;
  let filled = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) if (i !== j && values[i]?.[j] != null) filled += 1;
  }
  return { filled, cells: n * Math.max(0, n - 1) };
}

/** Runs tasks one after another, in the order they were given, whatever each one's speed. */
export function serialQueue() {
  let tail: Promise<unknown> = Promise.resolve();
  let waiting = 0;
  return {
    run<T>(task: () => Promise<T>): Promise<T> {
      waiting += 1;
      // Counted down before the caller hears of the result, so it can ask idle().
      const result = tail.then(task).finally(() => {
        waiting -= 1;
      });
      tail = result.catch(() => {});
      return result;
    },
    /** Nothing queued or running. */
    idle: () => waiting === 0,
  };
}

// ---- The scatter of active against passive sums ----

export interface Point {
  x: number;
  y: number;
}

/** A step of 1, 2 or 5 times a power of ten that cuts `max` into at most `most` parts. */
export function tickStep(max: number, most = 6): number {
  for (let power = 1; ; power *= 10) {
    for (const s of [1, 2, 5]) if (max / (s * power) <= most) return s * power;
  }
}

/**
 * The end of both axes: every sum fits with a little room (a point on the frame is
 * hard to read), and the threshold sits no further than the middle so the four
 * quadrants all have room. Rounded up to a whole tick.
 */
export function axisEnd(values: number[], threshold: number): number {
  const reach = Math.max(1, Math.max(0, ...values) + 0.5, 2 * threshold);
  const s = tickStep(reach);
  return Math.ceil(reach / s) * s;
}

/**
 * Moves points apart so no two are closer than `gap`: each one, in order, keeps its
 * place if it is free, else takes the nearest free spot on rings around it, inside
 * `bounds`. Points already apart are never moved.
 */
export function nudge(
  points: Point[],
  gap: number,
  bounds: { x0: number; y0: number; x1: number; y1: number },
): Point[] {
  const placed: Point[] = [];
  const free = (p: Point) =>
    p.x >= bounds.x0 &&
    p.x <= bounds.x1 &&
    p.y >= bounds.y0 &&
    p.y <= bounds.y1 &&
    placed.every((q) => Math.hypot(p.x - q.x, p.y - q.y) >= gap - 1e-9);
  for (const p of points) {
    let spot: Point | null = free(p) ? p : null;
    for (let ring = 1; !spot && ring <= 40; ring++) {
      const radius = ring * gap;
      const tries = 6 * ring;
      for (let k = 0; k < tries && !spot; k++) {
        // Starting up and to the right, where the labels of the quadrants are not.
        const angle = -Math.PI / 4 + (2 * Math.PI * k) / tries;
        const c = { x: p.x + radius * Math.cos(angle), y: p.y + radius * Math.sin(angle) };
        if (free(c)) spot = c;
      }
    }
    placed.push(spot ?? p);
  }
  return placed;
}

export interface ScatterPoint {
  /** The cause's number, 1 first. */
  mark: number;
  active: number;
  passive: number;
  quadrant: Quadrant;
  /** Where its sums put it. */
  at: Point;
  /** Where it is drawn, moved off any other point. */
  drawn: Point;
  moved: boolean;
}

export interface Scatter {
  end: number;
  ticks: { value: number; x: number; y: number }[];
  /** The threshold lines: x of the vertical one, y of the horizontal one. */
  threshold: Point;
  plot: { x0: number; y0: number; x1: number; y1: number };
  points: ScatterPoint[];
}

/** A square plot of `size` px with `pad` px of margin: passive to the right, active up. */
export function scatter(
  causes: Pick<Cause, 'active' | 'passive' | 'quadrant'>[],
  threshold: number,
  size: number,
  pad: number,
  radius: number,
): Scatter {
  const end = axisEnd(
    causes.flatMap((c) => [c.active, c.passive]),
    threshold,
  );
  const span = size - 2 * pad;
  const x = (v: number) => pad + (v / end) * span;
  const y = (v: number) => size - pad - (v / end) * span;
  const s = tickStep(end);
  const ticks = [];
  for (let v = 0; v <= end + 1e-9; v += s) ticks.push({ value: v, x: x(v), y: y(v) });
  const plot = { x0: pad, y0: pad, x1: size - pad, y1: size - pad };
  const at = causes.map((c) => ({ x: x(c.passive), y: y(c.active) }));
  // The margin is wider than a point, so a point nudged onto the frame still shows whole.
  const drawn = nudge(at, 2 * radius + 4, plot);
  return {
    end,
    ticks,
    threshold: { x: x(threshold), y: y(threshold) },
    plot,
    points: causes.map((c, i) => ({
      mark: i + 1,
      active: c.active,
      passive: c.passive,
      quadrant: c.quadrant,
      at: at[i],
      drawn: drawn[i],
      moved: Math.hypot(drawn[i].x - at[i].x, drawn[i].y - at[i].y) > 0.5,
    })),
  };
}

// ---- The problem tree ----

export interface Placed {
  cause: Cause;
  /** Its position in the facilitator's list, 0 first. */
  index: number;
}

/** The causes at each place of the tree, each place in the facilitator's order. */
export function byPlace(causes: Cause[]): Record<TreePlace, Placed[]> {
  const out: Record<TreePlace, Placed[]> = { root: [], cause: [], effect: [], aside: [] };
  causes.forEach((cause, index) => out[cause.place].push({ cause, index }));
  return out;
}

/** What the place select shows: "" while the quadrant decides. */
export const placeChoice = (c: Pick<Cause, 'place' | 'place_moved'>): TreePlace | '' => (c.place_moved ? c.place : '');

// ---- The phones' ideas ----

/** The same idea written twice, case and spacing aside (as the core counts them). */
export const ideaKey = (text: string) => text.trim().split(/\s+/).join(' ').toLowerCase();

/** For each idea already merged, the index of the first cause that took it. */
export function mergedInto(causes: Pick<Cause, 'sources'>[]): Map<string, number> {
  const out = new Map<string, number>();
  causes.forEach((c, i) => {
    for (const s of c.sources) if (!out.has(ideaKey(s))) out.set(ideaKey(s), i);
  });
  return out;
}
