// The map of Latin America and the Caribbean shipped with the app (no tiles, no network), and
// the quantisation of counts into the shades of its choropleth. The shapes come from Natural
// Earth (public domain) through scripts/make-lac-map.mjs, which says how to regenerate them.
import data from './lacMap.json';

/** A number written out at sea, in a box, with a leader line to its country. */
export interface Callout {
  /** The box: left, top, width, height. The country's ISO code is written at its left, the
   *  number at its right. */
  box: [number, number, number, number];
  /** Where the leader line leaves the box (the middle of one side); it ends at the country's
   *  `label`. */
  from: [number, number];
}

export interface CountryShape {
  /** ISO 3166-1 alpha-2, as in assets/catalogue/countries.json. */
  code: string;
  /** SVG path in the coordinates of `viewBox`: only M, L, Z and numbers. */
  d: string;
  /** A point inside the largest polygon: where the number is written, centred, or where the
   *  leader line of the callout ends. */
  label: [number, number];
  /** Radius of the clear space around `label`. */
  room: number;
  /** The font size of the number written at `label`, in viewBox units; absent when the number
   *  is in a callout instead. */
  font?: number;
  /** For the crowded countries (Central America, the Greater Antilles, the small island
   *  states): the box out at sea that holds the number. */
  callout?: Callout;
  /** The country is too small to see: its callout stands for it, drawn even without a count. */
  marker?: boolean;
}

const pair = (p: number[]): [number, number] => [p[0], p[1]];

export const viewBox: string = data.viewBox;
const [, , W, H] = viewBox.split(' ').map(Number);
/** Land drawn for context that is not one of the 33 (United States, French Guiana...). */
export const context: string = data.context;
/** Font sizes in viewBox units: numbers inside large and small countries, and in callouts. */
export const fonts: { large: number; small: number; callout: number } = data.fonts;
/** The space between a callout's edge and its text, in viewBox units. */
export const CALLOUT_PAD = 6;
export const countries: CountryShape[] = data.countries.map((c) => {
  const shape: CountryShape = { code: c.code, d: c.d, label: pair(c.label), room: c.room };
  if ('font' in c && c.font) shape.font = c.font;
  if ('callout' in c && c.callout) {
    const [x, y, w, h] = c.callout.box;
    shape.callout = { box: [x, y, w, h], from: pair(c.callout.from) };
  }
  if ('marker' in c && c.marker) shape.marker = true;
  return shape;
});

/** The legend's rows, in viewBox units, and the most room it takes: the bottom-left corner of
 *  the map, which the script that places the callouts keeps clear (seven rows: the title, five
 *  steps and zero). */
export const LEGEND_ROW = 46;
export const LEGEND_BOTTOM = 40;
export const legendArea: [number, number, number, number] = [0, H - LEGEND_BOTTOM - 7 * LEGEND_ROW, 340, H];
export const mapSize = { width: W, height: H };

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
