import { describe, expect, it } from 'vitest';
import type { Cause, Quadrant, TreePlace } from './types';
import {
  axisEnd,
  byPlace,
  cellKey,
  classifyKey,
  countFilled,
  firstCell,
  mergedInto,
  moveCell,
  nextCell,
  nudge,
  overlay,
  placeChoice,
  previousCell,
  readCellText,
  scatter,
  serialQueue,
  shownText,
  sums,
  tickStep,
} from './vester';

describe('keys typed in a cell', () => {
  it('0, 1, 2 and 3 are influences to save', () => {
    for (const v of [0, 1, 2, 3]) expect(classifyKey({ key: String(v) })).toEqual({ kind: 'value', value: v });
  });

  it('any other digit, letter or sign is refused', () => {
    for (const key of ['4', '9', 'a', 'Z', '-', ',', ' ', 'ñ']) {
      expect(classifyKey({ key })).toEqual({ kind: 'refused', text: key });
    }
  });

  it('arrows, Home, End and Enter move', () => {
    expect(classifyKey({ key: 'ArrowLeft' })).toEqual({ kind: 'move', move: 'left' });
    expect(classifyKey({ key: 'ArrowDown' })).toEqual({ kind: 'move', move: 'down' });
    expect(classifyKey({ key: 'Home' })).toEqual({ kind: 'move', move: 'home' });
    expect(classifyKey({ key: 'Enter' })).toEqual({ kind: 'move', move: 'next' });
    expect(classifyKey({ key: 'Enter', shiftKey: true })).toEqual({ kind: 'move', move: 'previous' });
  });

  it('Tab, Escape and shortcuts are left to the browser', () => {
    for (const key of ['Tab', 'Escape', 'F5', 'Shift', 'Process', 'Unidentified']) {
      expect(classifyKey({ key })).toEqual({ kind: 'pass' });
    }
    expect(classifyKey({ key: 'v', ctrlKey: true })).toEqual({ kind: 'pass' });
    expect(classifyKey({ key: '5', metaKey: true })).toEqual({ kind: 'pass' });
    expect(classifyKey({ key: '2', isComposing: true })).toEqual({ kind: 'pass' });
  });

  it('erasing is swallowed, since a rated cell cannot be emptied', () => {
    expect(classifyKey({ key: 'Backspace' })).toEqual({ kind: 'ignore' });
    expect(classifyKey({ key: 'Delete' })).toEqual({ kind: 'ignore' });
  });
});

describe('text set in a cell by input or change', () => {
  it('is read as an influence when it is 0 to 3', () => {
    expect(readCellText(' 2 ')).toEqual({ kind: 'value', value: 2 });
    expect(readCellText('0')).toEqual({ kind: 'value', value: 0 });
  });

  it('is refused when it is anything else', () => {
    expect(readCellText('7')).toEqual({ kind: 'refused', text: '7' });
    expect(readCellText('12')).toEqual({ kind: 'refused', text: '12' });
    expect(readCellText('x')).toEqual({ kind: 'refused', text: 'x' });
    expect(readCellText('-1')).toEqual({ kind: 'refused', text: '-1' });
  });

  it('is nothing when emptied', () => {
    expect(readCellText('  ')).toEqual({ kind: 'empty' });
  });

  it('shows a refused blank as a visible mark', () => {
    expect(shownText(' ')).toBe('␣');
    expect(shownText('x')).toBe('x');
  });
});

describe('moving between cells', () => {
  it('starts at the first cell off the diagonal', () => {
    expect(firstCell(4)).toEqual({ row: 0, col: 1 });
    expect(firstCell(1)).toBeNull();
  });

  it('typing moves along the row skipping the diagonal', () => {
    expect(nextCell(4, { row: 2, col: 1 })).toEqual({ row: 2, col: 3 });
    expect(nextCell(4, { row: 0, col: 1 })).toEqual({ row: 0, col: 2 });
  });

  it('typing in the last cell of a row moves to the next row skipping the diagonal', () => {
    expect(nextCell(4, { row: 0, col: 3 })).toEqual({ row: 1, col: 0 });
    expect(nextCell(4, { row: 1, col: 0 })).toEqual({ row: 1, col: 2 });
    // Row 3's last cell is column 2: its diagonal (3,3) ends the row, so row 2 goes past it…
    expect(nextCell(4, { row: 2, col: 3 })).toEqual({ row: 3, col: 0 });
    // …and after the last cell of all there is nowhere further.
    expect(nextCell(4, { row: 3, col: 2 })).toBeNull();
    expect(nextCell(3, { row: 2, col: 1 })).toBeNull();
  });

  it('the cell before goes back over the diagonal and the row start', () => {
    expect(previousCell(4, { row: 1, col: 0 })).toEqual({ row: 0, col: 3 });
    expect(previousCell(4, { row: 2, col: 3 })).toEqual({ row: 2, col: 1 });
    expect(previousCell(4, { row: 0, col: 1 })).toBeNull();
  });

  it('arrows jump over the diagonal and stop at the edges', () => {
    expect(moveCell(4, { row: 1, col: 0 }, 'right')).toEqual({ row: 1, col: 2 });
    expect(moveCell(4, { row: 1, col: 2 }, 'left')).toEqual({ row: 1, col: 0 });
    expect(moveCell(4, { row: 0, col: 2 }, 'down')).toEqual({ row: 1, col: 2 });
    expect(moveCell(4, { row: 1, col: 2 }, 'down')).toEqual({ row: 3, col: 2 });
    expect(moveCell(4, { row: 3, col: 2 }, 'up')).toEqual({ row: 1, col: 2 });
    expect(moveCell(4, { row: 0, col: 1 }, 'up')).toBeNull();
    expect(moveCell(4, { row: 1, col: 3 }, 'right')).toBeNull();
    expect(moveCell(2, { row: 0, col: 1 }, 'left')).toBeNull();
  });

  it('Home and End go to the ends of the row, off the diagonal', () => {
    expect(moveCell(4, { row: 0, col: 2 }, 'home')).toEqual({ row: 0, col: 1 });
    expect(moveCell(4, { row: 2, col: 3 }, 'home')).toEqual({ row: 2, col: 0 });
    expect(moveCell(4, { row: 3, col: 0 }, 'end')).toEqual({ row: 3, col: 2 });
    expect(moveCell(4, { row: 1, col: 0 }, 'end')).toEqual({ row: 1, col: 3 });
  });
});

describe('values while saves are on their way', () => {
  const ids = ['a', 'b', 'c'];
  const values = [
    [null, 1, null],
    [0, null, 3],
    [null, null, null],
  ];

  it('an edit not yet answered shows over the saved value', () => {
    const shown = overlay(ids, values, { [cellKey('a', 'b')]: 3, [cellKey('c', 'a')]: 2 });
    expect(shown).toEqual([
      [null, 3, null],
      [0, null, 3],
      [2, null, null],
    ]);
  });

  it('the diagonal stays empty whatever is pending', () => {
    expect(overlay(ids, values, { [cellKey('a', 'a')]: 3 })[0][0]).toBeNull();
  });

  it('rows add up to active sums and columns to passive sums, the diagonal never counting', () => {
    // The worked example of crates/core/src/vester.rs.
    const m = [
      [null, 1, 3, 3],
      [0, null, 1, 3],
      [1, 0, null, 3],
      [2, 0, 2, null],
    ];
    expect(sums(m)).toEqual({ active: [7, 4, 4, 4], passive: [3, 1, 6, 9] });
  });

  it('counts the rated cells of the n × (n − 1) off the diagonal', () => {
    expect(countFilled(values)).toEqual({ filled: 3, cells: 6 });
    expect(countFilled([])).toEqual({ filled: 0, cells: 0 });
    expect(countFilled([[null]])).toEqual({ filled: 0, cells: 0 });
  });
});

describe('the queue of saves', () => {
  it('runs saves one after another in the order they were typed, even when an earlier one is slower', async () => {
    const q = serialQueue();
    const done: string[] = [];
    const wait = (ms: number, name: string) => () =>
      new Promise<string>((resolve) =>
        setTimeout(() => {
          done.push(name);
          resolve(name);
        }, ms),
      );
    const first = q.run(wait(30, 'first'));
    const second = q.run(wait(1, 'second'));
    expect(q.idle()).toBe(false);
    expect(await second).toBe('second');
    expect(await first).toBe('first');
    expect(done).toEqual(['first', 'second']);
    expect(q.idle()).toBe(true);
  });

  it('goes on after a save the core refuses', async () => {
    const q = serialQueue();
    const refused = q.run(() => Promise.reject(new Error('no')));
    const next = q.run(() => Promise.resolve(2));
    await expect(refused).rejects.toThrow('no');
    expect(await next).toBe(2);
  });

  it('is idle by the time the caller hears of the last result', async () => {
    const q = serialQueue();
    const seen = await q.run(() => Promise.resolve(1)).then(() => q.idle());
    expect(seen).toBe(true);
  });
});

describe('the scatter', () => {
  it('cuts its axes in 1, 2 or 5 times a power of ten', () => {
    expect(tickStep(5)).toBe(1);
    expect(tickStep(10)).toBe(2);
    expect(tickStep(27)).toBe(5);
    expect(tickStep(130)).toBe(50);
  });

  it('leaves the threshold no further than the middle of the axes', () => {
    expect(axisEnd([7, 4, 4, 4, 3, 1, 6, 9], 4.75)).toBe(10);
    expect(axisEnd([0, 0], 0)).toBe(1);
    expect(axisEnd([2], 3)).toBe(6);
  });

  it('leaves room beyond the largest sum so no point sits on the frame', () => {
    expect(axisEnd([8, 1], 4)).toBe(10);
    expect(axisEnd([3], 0)).toBe(4);
  });

  const cause = (active: number, passive: number, quadrant: Quadrant = 'indifferent') => ({ active, passive, quadrant });

  it('puts passive to the right and active up, with the threshold lines at the mean', () => {
    const s = scatter([cause(8, 0), cause(0, 8)], 5, 500, 50, 16);
    expect(s.end).toBe(10);
    expect(s.points[0].at).toEqual({ x: 50, y: 130 });
    expect(s.points[1].at).toEqual({ x: 370, y: 450 });
    expect(s.threshold).toEqual({ x: 250, y: 250 });
    expect(s.ticks[0]).toEqual({ value: 0, x: 50, y: 450 });
    expect(s.points.map((p) => p.mark)).toEqual([1, 2]);
  });

  it('moves a point off another with the same sums, and says it was moved', () => {
    const s = scatter([cause(4, 4), cause(4, 4), cause(1, 8)], 4, 500, 50, 16);
    const [a, b, c] = s.points;
    expect(a.moved).toBe(false);
    expect(b.moved).toBe(true);
    expect(c.moved).toBe(false);
    expect(Math.hypot(a.drawn.x - b.drawn.x, a.drawn.y - b.drawn.y)).toBeGreaterThanOrEqual(36 - 1e-9);
    expect(b.at).toEqual(a.at);
  });

  it('a point with no neighbour stays where its sums put it', () => {
    const points = [
      { x: 100, y: 100 },
      { x: 300, y: 300 },
    ];
    expect(nudge(points, 36, { x0: 0, y0: 0, x1: 500, y1: 500 })).toEqual(points);
  });

  it('ten causes on the same spot all end apart, inside the plot', () => {
    const same = Array.from({ length: 10 }, () => ({ x: 60, y: 440 }));
    const bounds = { x0: 50, y0: 50, x1: 450, y1: 450 };
    const out = nudge(same, 36, bounds);
    for (let i = 0; i < out.length; i++) {
      expect(out[i].x).toBeGreaterThanOrEqual(bounds.x0);
      expect(out[i].x).toBeLessThanOrEqual(bounds.x1);
      expect(out[i].y).toBeGreaterThanOrEqual(bounds.y0);
      expect(out[i].y).toBeLessThanOrEqual(bounds.y1);
      for (let j = 0; j < i; j++) {
        expect(Math.hypot(out[i].x - out[j].x, out[i].y - out[j].y)).toBeGreaterThanOrEqual(36 - 1e-9);
      }
    }
  });
});

describe('the problem tree', () => {
  const cause = (id: string, place: TreePlace, moved = false, sources: string[] = []): Cause => ({
    id,
    label: id,
    sources,
    active: 0,
    passive: 0,
    quadrant: 'indifferent',
    place,
    place_moved: moved,
  });

  it('groups the causes by place, each group in the facilitator’s order', () => {
    const groups = byPlace([cause('a', 'effect'), cause('b', 'root'), cause('c', 'effect'), cause('d', 'aside')]);
    expect(groups.effect.map((p) => [p.cause.id, p.index])).toEqual([
      ['a', 0],
      ['c', 2],
    ]);
    expect(groups.root.map((p) => p.index)).toEqual([1]);
    expect(groups.cause).toEqual([]);
    expect(groups.aside.map((p) => p.index)).toEqual([3]);
  });

  it('the place select shows automatic until the facilitator moves a cause', () => {
    expect(placeChoice(cause('a', 'aside'))).toBe('');
    expect(placeChoice(cause('a', 'root', true))).toBe('root');
  });

  it('knows which phone ideas were merged into which cause, case and spacing aside', () => {
    const merged = mergedInto([cause('a', 'root', false, ['Pobreza']), cause('b', 'root', false, ['  falta de  ESCUELAS'])]);
    expect(merged.get('pobreza')).toBe(0);
    expect(merged.get('falta de escuelas')).toBe(1);
    expect(merged.has('distancia')).toBe(false);
  });
});
