// The map of Latin America and the Caribbean shipped with the app (no tiles, no network), and
// the quantisation of counts into the shades of its choropleth. The shapes come from Natural
// Earth (public domain) through scripts/make-lac-map.mjs, which says how to regenerate them.
import data from './lacMap.json';

export interface CountryShape {
  /** ISO 3166-1 alpha-2, as in assets/catalogue/countries.json. */
  code: string;
  /** SVG path in the coordinates of `viewBox`: only M, L, Z and numbers. */
  d: string;
  /** Where the country's number is written: inside its largest polygon. */
  label: [number, number];
  /** Radius of the clear space around `label`; small means the number overflows the shape. */
  room: number;
  /** A circle marker for a country too small to see or to carry its number... */
  dot?: [number, number];
  /** ...joined by a leader line to this point of the country. */
  anchor?: [number, number];
}

const pair = (p: number[]): [number, number] => [p[0], p[1]];

export const viewBox: string = data.viewBox;
/** Land drawn for context that is not one of the 33 (United States, French Guiana...). */
export const context: string = data.context;
export const countries: CountryShape[] = data.countries.map((c) => {
  const shape: CountryShape = { code: c.code, d: c.d, label: pair(c.label), room: c.room };
  if ('dot' in c && c.dot) shape.dot = pair(c.dot);
  if ('anchor' in c && c.anchor) shape.anchor = pair(c.anchor);
  return shape;
});

/**
 * The shade of each country, 1..steps in proportion to the largest count (which gets `steps`),
 * and 0 for a country with no count or a count of 0. Every one of the 33 has an entry.
 */
export function shades(counts: Record<string, number>, steps = 5): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of countries) out[c.code] = 0;
  const positive = Object.entries(counts).filter(([, n]) => Number.isFinite(n) && n > 0);
  const max = Math.max(0, ...positive.map(([, n]) => n));
  for (const [code, n] of positive) out[code] = Math.min(steps, Math.max(1, Math.ceil((n * steps) / max)));
  return out;
}

/**
 * The whole counts each shade stands for when the largest is `max`, the same cut as `shades`:
 * step k holds the counts n with (k - 1) · max < n · steps ≤ k · max. Steps that no whole
 * count reaches (when max < steps) are left out, so the ranges run from 1 to max without gaps.
 */
export function legend(max: number, steps = 5): { step: number; from: number; to: number }[] {
  const top = Math.floor(max);
  const out: { step: number; from: number; to: number }[] = [];
  if (!(top > 0)) return out;
  for (let step = 1; step <= steps; step++) {
    const from = Math.floor(((step - 1) * top) / steps) + 1;
    const to = Math.floor((step * top) / steps);
    if (from <= to) out.push({ step, from, to });
  }
  return out;
}
