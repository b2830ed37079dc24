import { describe, expect, it } from 'vitest';
import {
  CALLOUT_PAD,
  countries,
  context,
  fonts,
  legend,
  legendArea,
  shades,
  viewBox,
  type CountryShape,
} from './lacMap';

const CODES =
  'AG AR BS BB BZ BO BR CL CO CR CU DM DO EC SV GD GT GY HT HN JM MX NI PA PY PE KN LC VC SR TT UY VE'.split(' ');
const [, , width, height] = viewBox.split(' ').map(Number);

/** The points of a path made only of M, L, Z and numbers; throws on anything else. */
function points(d: string): [number, number][] {
  const tokens = d.match(/[MLZ]|-?\d+(?:\.\d+)?/g) ?? [];
  if (tokens.join('').length !== d.replace(/[\s,]/g, '').length) throw new Error(`unexpected text in ${d}`);
  const out: [number, number][] = [];
  let pending: number[] = [];
  for (const t of tokens) {
    if (t === 'M' || t === 'L' || t === 'Z') {
      if (pending.length) throw new Error('odd number of coordinates');
      continue;
    }
    pending.push(Number(t));
    if (pending.length === 2) {
      out.push([pending[0], pending[1]]);
      pending = [];
    }
  }
  if (pending.length) throw new Error('odd number of coordinates');
  return out;
}

function box(code: string) {
  const shape = countries.find((c) => c.code === code);
  if (!shape) throw new Error(`${code} is missing`);
  const ps = points(shape.d);
  const xs = ps.map((p) => p[0]);
  const ys = ps.map((p) => p[1]);
  return { width: Math.max(...xs) - Math.min(...xs), height: Math.max(...ys) - Math.min(...ys) };
}

/** Even-odd test of a point against a ring. */
function contains(ring: [number, number][], [x, y]: [number, number]): boolean {
  let odd = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) odd = !odd;
  }
  return odd;
}

const inside = ([x, y]: [number, number]) => x >= 0 && x <= width && y >= 0 && y <= height;
const label = (code: string) => countries.find((c) => c.code === code)?.label ?? [NaN, NaN];

describe('the shapes of the map', () => {
  it('has the 33 countries of the region and no other', () => {
    expect(countries.map((c) => c.code).sort()).toEqual([...CODES].sort());
  });

  it('gives every country a path of moves and lines that stays inside the viewBox', () => {
    expect(width).toBeGreaterThan(0);
    expect(height).toBeGreaterThan(0);
    for (const c of countries) {
      expect(c.d, c.code).toMatch(/^M[\d.\- MLZ]+Z$/);
      const ps = points(c.d);
      expect(ps.length, c.code).toBeGreaterThanOrEqual(3);
      for (const p of ps) expect(inside(p), `${c.code} ${p}`).toBe(true);
    }
    expect(() => points(context)).not.toThrow();
  });

  it('puts every label point and leader line inside the viewBox', () => {
    for (const c of countries) {
      expect(inside(c.label), c.code).toBe(true);
      if (c.callout) expect(inside(c.callout.from), c.code).toBe(true);
    }
  });

  it('draws Brazil larger than Uruguay and Mexico north of Chile', () => {
    const br = box('BR');
    const uy = box('UY');
    expect(br.width).toBeGreaterThan(uy.width);
    expect(br.height).toBeGreaterThan(uy.height);
    expect(label('MX')[1]).toBeLessThan(label('CL')[1]);
  });

  it('gives the small island states a callout that stands for them', () => {
    for (const code of ['AG', 'BB', 'DM', 'GD', 'KN', 'LC', 'VC']) {
      const c = countries.find((s) => s.code === code);
      expect(c?.marker, code).toBe(true);
      expect(c?.callout, code).toBeDefined();
    }
    expect(countries.find((c) => c.code === 'BR')?.marker).toBeUndefined();
  });
});

// The layout of the numbers, checked with the estimate of the size of a label: 0.62 of the font
// size a character (Atkinson Hyperlegible's bold digits are 0.55 to 0.63 wide), 1.1 of it high,
// and three digits for every count, the most a count is written with.
type Rect = [number, number, number, number]; // x0, y0, x1, y1
const CHAR = 0.62;
const LINE = 1.1;
const DIGITS = 3;
const PIN = 4; // radius of the dot where a leader line ends, with its outline
const CROWDED = 'BZ GT SV HN NI CR PA CU JM HT DO BS AG KN DM LC VC BB GD TT'.split(' ');

/** The rectangle a number written inside a country takes: centred on its label point. */
function numberRect(c: CountryShape): Rect {
  const font = c.font ?? NaN;
  const w = CHAR * font * DIGITS;
  const h = LINE * font;
  return [c.label[0] - w / 2, c.label[1] - h / 2, c.label[0] + w / 2, c.label[1] + h / 2];
}

function calloutRect(c: CountryShape): Rect {
  const [x, y, w, h] = c.callout?.box ?? [NaN, NaN, NaN, NaN];
  return [x, y, x + w, y + h];
}

/** Every label on the map: the numbers written inside, and the callout boxes. */
const labels: { code: string; rect: Rect }[] = countries.map((c) => ({
  code: c.code,
  rect: c.callout ? calloutRect(c) : numberRect(c),
}));

const overlap = (a: Rect, b: Rect) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
const within = (a: Rect, b: Rect) => a[0] >= b[0] && a[1] >= b[1] && a[2] <= b[2] && a[3] <= b[3];
const grow = (r: Rect, m: number): Rect => [r[0] - m, r[1] - m, r[2] + m, r[3] + m];

/** Does the segment a-b meet the rectangle? (Liang-Barsky) */
function segmentHitsRect(a: [number, number], b: [number, number], r: Rect): boolean {
  let t0 = 0;
  let t1 = 1;
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const sides: [number, number][] = [
    [-dx, a[0] - r[0]],
    [dx, r[2] - a[0]],
    [-dy, a[1] - r[1]],
    [dy, r[3] - a[1]],
  ];
  for (const [p, q] of sides) {
    if (p === 0) {
      if (q < 0) return false;
    } else if (p < 0) {
      t0 = Math.max(t0, q / p);
    } else {
      t1 = Math.min(t1, q / p);
    }
    if (t0 > t1) return false;
  }
  return true;
}

function segmentsCross(a: [number, number], b: [number, number], c: [number, number], d: [number, number]) {
  const side = (p: [number, number], q: [number, number], r: [number, number]) =>
    Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
  return side(a, b, c) * side(a, b, d) < 0 && side(c, d, a) * side(c, d, b) < 0;
}

/** The closed rings of a path of M, L and Z. */
function rings(d: string): [number, number][][] {
  return d
    .split('M')
    .filter((part) => part.trim())
    .map((part) => points(`M${part}`));
}

describe('the numbers on the map', () => {
  it('writes the number of every large country inside it and of every crowded one in a callout', () => {
    for (const c of countries) {
      if (CROWDED.includes(c.code)) {
        expect(c.callout, c.code).toBeDefined();
        expect(c.font, c.code).toBeUndefined();
      } else {
        expect(c.callout, c.code).toBeUndefined();
        expect([fonts.large, fonts.small], c.code).toContain(c.font);
      }
    }
  });

  it('makes every callout wide enough for its code, a space and three digits', () => {
    for (const c of countries.filter((s) => s.callout)) {
      const [, , w, h] = c.callout?.box ?? [];
      const text = CHAR * fonts.callout * (DIGITS + c.code.length + 1);
      expect(w, c.code).toBeGreaterThanOrEqual(text + 2 * CALLOUT_PAD);
      expect(h, c.code).toBeGreaterThanOrEqual(LINE * fonts.callout);
    }
  });

  it('keeps every label inside the viewBox and out of the legend', () => {
    const map: Rect = [0, 0, width, height];
    for (const l of labels) {
      expect(within(l.rect, map), `${l.code} ${l.rect}`).toBe(true);
      expect(overlap(l.rect, legendArea), l.code).toBe(false);
    }
  });

  it('never lets two labels touch, whatever the counts', () => {
    for (const [i, a] of labels.entries()) {
      for (const b of labels.slice(i + 1)) {
        expect(overlap(a.rect, b.rect), `${a.code} and ${b.code}`).toBe(false);
      }
    }
  });

  it('puts the callouts at sea, clear of every coast', () => {
    const shapes = countries.map((c) => rings(c.d));
    const coasts = [...shapes.flat(), ...rings(context)];
    for (const c of countries.filter((s) => s.callout)) {
      const box = calloutRect(c);
      const coast = coasts.some((ring) => ring.some((p, i) => segmentHitsRect(p, ring[(i + 1) % ring.length], box)));
      expect(coast, `a coast through the callout of ${c.code}`).toBe(false);
      // Nor inland: the middle of the box is in no country.
      const middle: [number, number] = [(box[0] + box[2]) / 2, (box[1] + box[3]) / 2];
      expect(shapes.some((shape) => shape.some((ring) => contains(ring, middle))), c.code).toBe(false);
    }
  });

  it('draws leader lines from the edge of their box that cross no other line and no other label', () => {
    const leaders = countries.filter((c) => c.callout);
    for (const c of leaders) {
      const from = c.callout?.from ?? [NaN, NaN];
      const box = calloutRect(c);
      const onEdge = (from[0] === box[0] || from[0] === box[2]) !== (from[1] === box[1] || from[1] === box[3]);
      expect(onEdge && within([...from, ...from], box), `${c.code} ${from}`).toBe(true);
      for (const l of labels) {
        if (l.code === c.code) continue;
        expect(segmentHitsRect(from, c.label, l.rect), `${c.code}'s line through ${l.code}`).toBe(false);
        expect(overlap(grow([...c.label, ...c.label], PIN), l.rect), `${c.code}'s dot under ${l.code}`).toBe(false);
      }
      for (const d of leaders) {
        if (d.code <= c.code) continue;
        expect(segmentsCross(from, c.label, d.callout?.from ?? [NaN, NaN], d.label), `${c.code} and ${d.code}`).toBe(false);
      }
    }
  });
});

describe('shades', () => {
  it('gives the largest count the darkest step and no count none', () => {
    const s = shades({ BR: 40, CL: 3, UY: 0, MX: 20 });
    expect(s.BR).toBe(5);
    expect(s.MX).toBe(3);
    expect(s.CL).toBe(1);
    expect(s.UY).toBe(0);
    expect(s.AR).toBe(0);
    expect(Object.keys(s).length).toBe(33);
  });

  it('uses every step between 1 and steps', () => {
    const s = shades({ AR: 1, BO: 2, BR: 3, CL: 4, CO: 5 });
    expect([s.AR, s.BO, s.BR, s.CL, s.CO]).toEqual([1, 2, 3, 4, 5]);
    expect(shades({ AR: 7 }, 3).AR).toBe(3);
  });

  it('ignores counts that are not positive numbers', () => {
    const s = shades({ AR: -2, BR: Number.NaN });
    expect(s.AR).toBe(0);
    expect(s.BR).toBe(0);
  });
});

describe('legend', () => {
  it('covers 1 to max without gaps, each range in the step shades gives it', () => {
    for (const max of [1, 2, 3, 4, 5, 6, 7, 10, 12, 99, 1000]) {
      const rows = legend(max);
      expect(rows[0].from, `max ${max}`).toBe(1);
      expect(rows[rows.length - 1].to, `max ${max}`).toBe(max);
      expect(rows[rows.length - 1].step).toBe(5);
      rows.forEach((row, i) => {
        expect(row.from).toBeLessThanOrEqual(row.to);
        if (i > 0) expect(row.from).toBe(rows[i - 1].to + 1);
        for (let n = row.from; n <= row.to; n++) expect(shades({ AR: n, BR: max }).AR).toBe(row.step);
      });
    }
  });

  it('splits 10 into five equal ranges and has nothing to show for 0', () => {
    expect(legend(10)).toEqual([
      { step: 1, from: 1, to: 2 },
      { step: 2, from: 3, to: 4 },
      { step: 3, from: 5, to: 6 },
      { step: 4, from: 7, to: 8 },
      { step: 5, from: 9, to: 10 },
    ]);
    expect(legend(0)).toEqual([]);
  });
});
