import { describe, expect, it } from 'vitest';
import { countries, legend, shades, viewBox, context } from './lacMap';

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

  it('puts every label, marker and leader line inside the viewBox', () => {
    for (const c of countries) {
      expect(inside(c.label), c.code).toBe(true);
      if (c.dot) expect(inside(c.dot), c.code).toBe(true);
      if (c.anchor) expect(inside(c.anchor), c.code).toBe(true);
    }
  });

  it('draws Brazil larger than Uruguay and Mexico north of Chile', () => {
    const br = box('BR');
    const uy = box('UY');
    expect(br.width).toBeGreaterThan(uy.width);
    expect(br.height).toBeGreaterThan(uy.height);
    expect(label('MX')[1]).toBeLessThan(label('CL')[1]);
  });

  it('gives the small island states a marker joined to them', () => {
    for (const code of ['AG', 'BB', 'DM', 'GD', 'KN', 'LC', 'VC']) {
      const c = countries.find((s) => s.code === code);
      expect(c?.dot, code).toBeDefined();
      expect(c?.anchor, code).toBeDefined();
    }
    expect(countries.find((c) => c.code === 'BR')?.dot).toBeUndefined();
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
