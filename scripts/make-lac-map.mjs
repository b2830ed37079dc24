#!/usr/bin/env node
// Regenerates ui/src/lib/lacMap.json, the map of Latin America and the Caribbean that the
// coordinator dashboard draws without tiles or network. Not run by the build: the JSON is an
// asset kept in the repository, and this script only says how it was made.
//
// Input: Natural Earth 1:50m admin-0 countries as GeoJSON (public domain), taken from
// github.com/martynafford/natural-earth-geojson (CC0), file 50m/cultural/ne_50m_admin_0_countries.7z
// at commit 0b9a6ceb0a7032713abd9460ac1e995a9c60cd1e, unpacked to ne_50m_admin_0_countries.json
// (git blob a57de91d1c44c0c96327cc4acb7e654e35b2976a). The 1:110m file lacks seven of the small
// Caribbean states, so 1:50m is the smallest scale that has all 33.
//
//   node scripts/make-lac-map.mjs path/to/ne_50m_admin_0_countries.json [out.json]
//
// Plain node, no dependencies: equirectangular projection, clipping to a window around the
// region, Douglas-Peucker simplification, a label point inside the largest polygon of each
// country, and for the countries too crowded or too small to carry their number, a callout box
// out at sea ("GT 92") with a leader line, placed so that no two labels touch even with three
// digits each. The script stops with an error rather than write a map whose labels collide.

import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const SOURCE = {
  data: 'Natural Earth 1:50m Cultural Vectors, Admin 0 - Countries (naturalearthdata.com)',
  repository: 'github.com/martynafford/natural-earth-geojson',
  file: '50m/cultural/ne_50m_admin_0_countries.7z (ne_50m_admin_0_countries.json)',
  commit: '0b9a6ceb0a7032713abd9460ac1e995a9c60cd1e',
  licence: 'Public domain (Natural Earth); the GeoJSON conversion is CC0 1.0',
  generator: 'scripts/make-lac-map.mjs',
};

// The 33 member states of ECLAC in Latin America and the Caribbean, as in
// assets/catalogue/countries.json.
const CODES = 'AG AR BS BB BZ BO BR CL CO CR CU DM DO EC SV GD GT GY HT HN JM MX NI PA PY PE KN LC VC SR TT UY VE'.split(' ');

// The window drawn, in degrees: from Baja California to Cape Horn, from Guadalupe Island to
// Fernando de Noronha. Land outside it (Trindade, the rest of North America) is cut away.
const WEST = -118.5;
const EAST = -32;
const NORTH = 33;
const SOUTH = -56.2;
// Equirectangular, with longitudes shrunk by the cosine of a latitude near the middle of the
// region, so shapes between the tropics keep their proportions.
const K = Math.cos((-10 * Math.PI) / 180);
const WIDTH = 1000;
const PAD = 10;
const SCALE = (WIDTH - 2 * PAD) / ((EAST - WEST) * K);
const HEIGHT = Math.ceil((NORTH - SOUTH) * SCALE + 2 * PAD);

// Simplification, in viewBox units: Douglas-Peucker tolerance, and the smallest islands kept.
const TOLERANCE = 0.5;
const CONTEXT_TOLERANCE = 1.2;
const MIN_ISLAND = 1.5; // side of the bounding box below which a secondary polygon is dropped
const MIN_CONTEXT = 4;

// A country whose largest island is smaller than about 8 by 8 units is a "marker" country: its
// own shape is too small to see, so its callout box always stands for it, even without a count.
const DOT_AREA = 64;

// The numbers. A country with room for it has its number written inside, in the large font, or in
// the small one where the clear space around the point is under SMALL_ROOM units. The crowded
// countries (Central America, the Greater Antilles, the island states) have theirs in a callout
// box out at sea: "GT 92", the ISO code beside the number, joined by a leader line to a point of
// the country. The component draws what this script computes; lacMap.test.ts checks it again.
const FONT = { large: 52, small: 36, callout: 34 };
const SMALL_ROOM = 20;
// The size of a label written in a font of size f, at most three digits: 0.62 f a character
// (the bold digits of Atkinson Hyperlegible, the app's font, are 0.55 to 0.63 f), 1.1 f high.
const CHAR = 0.62;
const LINE = 1.1;
const DIGITS = 3;
// A callout holds the code, a space and the digits, with BOX_PAD units on either side (the
// component's CALLOUT_PAD).
const BOX_PAD = 6;
const BOX = {
  width: Math.ceil(CHAR * FONT.callout * (DIGITS + 3) + 2 * BOX_PAD),
  height: Math.ceil(LINE * FONT.callout + 2),
};
// Clear sea kept between a callout and any coast, and between two labels; the radius of the dot
// where a leader line ends, which no other label may cover.
const COAST_MARGIN = 3;
const LABEL_MARGIN = 2;
const PIN = 4;
// The legend stands in the Pacific at the bottom left: nothing else may enter this rectangle
// (its top is where seven rows of 46 units start, 40 above the bottom: legendArea in lacMap.ts).
const LEGEND_AREA = (height) => [0, height - 40 - 7 * 46, 340, height];

// Where the callouts go, in viewBox units, in groups of slots; each country of a group takes one
// slot, the assignment that keeps leader lines from crossing each other or any label and makes
// them shortest overall. A slot is the top-left corner of a box and the side of the box its leader
// line leaves from (else the middle of the side facing the country); a place may be listed twice
// with different sides.
const STEP = BOX.height + 3;
const stack = (x, y, n, side) => Array.from({ length: n }, (_, i) => [x, y + i * STEP, side]);
const CALLOUTS = [
  // Central America: a column in the Pacific, off the coast of Guatemala, lines to the north-east.
  { codes: ['BZ', 'GT', 'SV', 'HN', 'NI', 'CR', 'PA'], slots: stack(163, 254, 7, 'right') },
  // The Bahamas and the Greater Antilles: in the Atlantic north of Cuba and Hispaniola, in the
  // Gulf of Mexico west of Cuba, and in the Caribbean south of Jamaica.
  {
    codes: ['BS', 'CU', 'JM', 'HT', 'DO'],
    slots: [[456, 6], [600, 6], [545, 56], [545, 56, 'left'], [545, 106], [262, 70, 'right'], [430, 198]],
  },
  // The Lesser Antilles: a column in the Atlantic east of them, lines to the west.
  { codes: ['KN', 'AG', 'DM', 'LC', 'VC', 'BB', 'GD', 'TT'], slots: stack(835, 12, 8, 'left') },
];

// Hand-placed, in degrees: numbers moved off the point the script would choose so that no two
// neighbours' numbers touch, even with three digits each (each point is still inside its country;
// the script checks), and Venezuela's written small so it clears both Colombia's and Guyana's.
// Cuba's point is where its leader line ends: the middle of the island rather than its deepest
// point, far east, so its line from the Gulf of Mexico is short.
const LABEL_AT = {
  CU: [-79.6, 22.1],
  PE: [-73.66, -12.96],
  BO: [-63.95, -16.72],
  CO: [-73.93, 3.45],
  VE: [-66.42, 7.79],
  GY: [-59.1, 6.66],
  SR: [-56.1, 2.84],
  CL: [-71.01, -30.45],
};
const SMALL = ['VE'];

const project = ([lon, lat]) => [PAD + (lon - WEST) * K * SCALE, PAD + (NORTH - lat) * SCALE];
const round = (v) => Math.round(v * 10) / 10;

/** Sutherland-Hodgman against the (convex) window rectangle, in projected units. */
function clip(ring) {
  const edges = [
    [(p) => p[0] >= PAD, (a, b) => cut(a, b, 0, PAD)],
    [(p) => p[0] <= WIDTH - PAD, (a, b) => cut(a, b, 0, WIDTH - PAD)],
    [(p) => p[1] >= PAD, (a, b) => cut(a, b, 1, PAD)],
    [(p) => p[1] <= HEIGHT - PAD, (a, b) => cut(a, b, 1, HEIGHT - PAD)],
  ];
  let out = ring;
  for (const [inside, cross] of edges) {
    const input = out;
    out = [];
    for (let i = 0; i < input.length; i++) {
      const cur = input[i];
      const prev = input[(i + input.length - 1) % input.length];
      if (inside(cur)) {
        if (!inside(prev)) out.push(cross(prev, cur));
        out.push(cur);
      } else if (inside(prev)) {
        out.push(cross(prev, cur));
      }
    }
    if (out.length === 0) break;
  }
  return out;
}

function cut(a, b, axis, value) {
  const t = (value - a[axis]) / (b[axis] - a[axis]);
  return [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
}

function segmentDistance(p, a, b) {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len = dx * dx + dy * dy;
  let t = len === 0 ? 0 : ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len;
  t = Math.max(0, Math.min(1, t));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

/** Douglas-Peucker on an open polyline (iterative, so long coasts do not overflow the stack). */
function simplifyLine(points, tolerance) {
  const keep = new Uint8Array(points.length);
  keep[0] = keep[points.length - 1] = 1;
  const stack = [[0, points.length - 1]];
  while (stack.length) {
    const [first, last] = stack.pop();
    let worst = -1;
    let index = -1;
    for (let i = first + 1; i < last; i++) {
      const d = segmentDistance(points[i], points[first], points[last]);
      if (d > worst) {
        worst = d;
        index = i;
      }
    }
    if (worst > tolerance) {
      keep[index] = 1;
      stack.push([first, index], [index, last]);
    }
  }
  return points.filter((_, i) => keep[i]);
}

/** A closed ring (without the repeated last point), simplified and rounded. */
function simplifyRing(ring, tolerance) {
  if (ring.length < 4) return ring;
  // Split at the point farthest from the first, so the ring is two open lines.
  let far = 0;
  let best = -1;
  ring.forEach((p, i) => {
    const d = Math.hypot(p[0] - ring[0][0], p[1] - ring[0][1]);
    if (d > best) {
      best = d;
      far = i;
    }
  });
  const a = simplifyLine(ring.slice(0, far + 1), tolerance);
  const b = simplifyLine([...ring.slice(far), ring[0]], tolerance);
  const out = [];
  for (const p of [...a, ...b.slice(1, -1)]) {
    const q = [round(p[0]), round(p[1])];
    const last = out[out.length - 1];
    if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
  }
  return out;
}

function area(ring) {
  let s = 0;
  for (let i = 0; i < ring.length; i++) {
    const [x0, y0] = ring[i];
    const [x1, y1] = ring[(i + 1) % ring.length];
    s += x0 * y1 - x1 * y0;
  }
  return s / 2;
}

function bbox(points) {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

function centroid(ring) {
  const a = area(ring);
  if (a === 0) return ring[0];
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < ring.length; i++) {
    const [x0, y0] = ring[i];
    const [x1, y1] = ring[(i + 1) % ring.length];
    const f = x0 * y1 - x1 * y0;
    cx += (x0 + x1) * f;
    cy += (y0 + y1) * f;
  }
  return [cx / (6 * a), cy / (6 * a)];
}

function inside(p, rings) {
  let odd = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i];
      const [xj, yj] = ring[j];
      if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) odd = !odd;
    }
  }
  return odd;
}

/** How far `p` is from the polygon's edge, negative outside. */
function depth(p, rings) {
  let d = Infinity;
  for (const ring of rings) {
    for (let i = 0; i < ring.length; i++) d = Math.min(d, segmentDistance(p, ring[i], ring[(i + 1) % ring.length]));
  }
  return inside(p, rings) ? d : -d;
}

/** The point deepest inside the polygon, on a grid refined around the best cell. */
function deepest(rings) {
  let [x0, y0, x1, y1] = bbox(rings[0]);
  let best = centroid(rings[0]);
  let bestDepth = depth(best, rings);
  for (let pass = 0; pass < 6; pass++) {
    const n = 24;
    const dx = (x1 - x0) / n;
    const dy = (y1 - y0) / n;
    for (let i = 0; i <= n; i++) {
      for (let j = 0; j <= n; j++) {
        const p = [x0 + i * dx, y0 + j * dy];
        const d = depth(p, rings);
        if (d > bestDepth) {
          best = p;
          bestDepth = d;
        }
      }
    }
    [x0, y0, x1, y1] = [best[0] - 2 * dx, best[1] - 2 * dy, best[0] + 2 * dx, best[1] + 2 * dy];
  }
  return { point: best, depth: bestDepth };
}

/**
 * The centroid of the largest polygon when it lies well inside it (it looks most central);
 * otherwise, for bent shapes such as Chile or Cuba, the point deepest inside.
 */
function labelPoint(rings) {
  const c = centroid(rings[0]);
  const deep = deepest(rings);
  return depth(c, rings) >= deep.depth * 0.5 ? c : deep.point;
}

/** Projected, clipped, simplified polygons of a GeoJSON geometry, largest first. */
function polygons(geometry, tolerance, minSide) {
  const list = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const out = [];
  for (const poly of list) {
    const rings = [];
    for (const [k, raw] of poly.entries()) {
      const open = raw.slice(0, -1).map(project);
      const clipped = clip(open);
      if (clipped.length < 3) continue;
      const ring = simplifyRing(clipped, tolerance);
      if (ring.length < 3 || Math.abs(area(ring)) < 0.5) {
        if (k === 0) break;
        continue;
      }
      if (k > 0 && rings.length === 0) break;
      rings.push(ring);
    }
    if (rings.length) out.push({ rings, area: Math.abs(area(rings[0])), box: bbox(rings[0]), raw: poly[0] });
  }
  out.sort((a, b) => b.area - a.area);
  return out.filter((p, i) => i === 0 || Math.max(p.box[2] - p.box[0], p.box[3] - p.box[1]) >= minSide);
}

/** A polygon too small to survive simplification, kept as its projected outline rounded. */
function rawPolygon(geometry) {
  const list = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let best = null;
  for (const poly of list) {
    const ring = poly[0].slice(0, -1).map(project).map((p) => [round(p[0]), round(p[1])]);
    const a = Math.abs(area(ring));
    if (!best || a > best.area) best = { rings: [ring], area: a, box: bbox(ring), raw: poly[0] };
  }
  return best ? [best] : [];
}

const pathOf = (polys) =>
  polys
    .flatMap((p) => p.rings)
    .map((ring) => `M${ring[0][0]} ${ring[0][1]}L${ring.slice(1).map((q) => `${q[0]} ${q[1]}`).join(' ')}Z`)
    .join('');

const codeOf = (f) => {
  const p = f.properties;
  for (const key of ['ISO_A2', 'iso_a2', 'ISO_A2_EH', 'WB_A2']) if (p[key] && p[key] !== '-99') return p[key];
  return null;
};

/** Does the segment a-b meet the rectangle [x0, y0, x1, y1]? (Liang-Barsky) */
function segmentHitsRect(a, b, [x0, y0, x1, y1]) {
  let t0 = 0;
  let t1 = 1;
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  for (const [p, q] of [
    [-dx, a[0] - x0],
    [dx, x1 - a[0]],
    [-dy, a[1] - y0],
    [dy, y1 - a[1]],
  ]) {
    if (p === 0) {
      if (q < 0) return false;
    } else {
      const t = q / p;
      if (p < 0) t0 = Math.max(t0, t);
      else t1 = Math.min(t1, t);
      if (t0 > t1) return false;
    }
  }
  return true;
}

/** Do the segments a-b and c-d cross (touching at an end does not count)? */
function segmentsCross(a, b, c, d) {
  const side = (p, q, r) => Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
  return side(a, b, c) * side(a, b, d) < 0 && side(c, d, a) * side(c, d, b) < 0;
}

const grow = ([x0, y0, x1, y1], m) => [x0 - m, y0 - m, x1 + m, y1 + m];
const overlaps = (a, b) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];

/** Does the rectangle touch land: a coast through it, or all of it inland? */
function rectOnLand(rect, rings) {
  for (const ring of rings) {
    for (let i = 0; i < ring.length; i++) if (segmentHitsRect(ring[i], ring[(i + 1) % ring.length], rect)) return true;
  }
  return inside([(rect[0] + rect[2]) / 2, (rect[1] + rect[3]) / 2], rings);
}

/** The number written inside a country, as a rectangle, with `DIGITS` digits. */
function numberRect(country) {
  const w = CHAR * country.font * DIGITS;
  const h = LINE * country.font;
  return [country.label[0] - w / 2, country.label[1] - h / 2, country.label[0] + w / 2, country.label[1] + h / 2];
}

/**
 * Where a leader line leaves the box: the middle of the given side, or else of the side that
 * faces the anchor.
 */
function leaderStart([x0, y0, x1, y1], anchor, side) {
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  if (side === 'right') return [x1, cy];
  if (side === 'left') return [x0, cy];
  const dx = (anchor[0] - cx) / (x1 - x0);
  const dy = (anchor[1] - cy) / (y1 - y0);
  if (Math.abs(dx) >= Math.abs(dy)) return [dx > 0 ? x1 : x0, cy];
  return [cx, dy > 0 ? y1 : y0];
}

/** Every ordered choice of k items of `list`. */
function* arrangements(list, k) {
  if (k === 0) {
    yield [];
    return;
  }
  for (let i = 0; i < list.length; i++) {
    const rest = [...list.slice(0, i), ...list.slice(i + 1)];
    for (const tail of arrangements(rest, k - 1)) yield [list[i], ...tail];
  }
}

/**
 * Gives each country of a group a slot: of the assignments whose boxes and leader lines cross
 * neither each other nor a label or leader already placed, the one with the shortest lines in all.
 */
function placeGroup(group, byCode, placed) {
  const members = group.codes.map((code) => byCode.get(code));
  let best = null;
  for (const slots of arrangements(group.slots, members.length)) {
    const lines = members.map((c, i) => {
      const [x, y, side] = slots[i];
      const rect = [x, y, x + BOX.width, y + BOX.height];
      return { code: c.code, rect, from: leaderStart(rect, c.label, side), to: c.label };
    });
    const faults = [];
    let length = 0;
    lines.forEach((a, i) => {
      length += Math.hypot(a.to[0] - a.from[0], a.to[1] - a.from[1]);
      for (const b of [...lines.slice(i + 1), ...placed]) {
        if (overlaps(a.rect, b.rect)) faults.push(`${a.code} box on ${b.code}`);
        if (segmentHitsRect(a.from, a.to, grow(b.rect, 1))) faults.push(`${a.code} line through ${b.code}`);
        if (b.from) {
          if (segmentHitsRect(b.from, b.to, grow(a.rect, 1))) faults.push(`${b.code} line through ${a.code}`);
          if (segmentsCross(a.from, a.to, b.from, b.to)) faults.push(`${a.code} line across ${b.code}'s`);
        }
      }
    });
    const fewer = !best || faults.length < best.faults.length;
    const shorter = best && faults.length === best.faults.length && length < best.length - 1e-9;
    if (fewer || shorter) best = { lines, length, faults };
  }
  if (best.faults.length) throw new Error(`cannot place ${group.codes.join(' ')}: at best ${best.faults.join(', ')}`);
  members.forEach((c, i) => {
    const { rect, from } = best.lines[i];
    c.callout = { box: [rect[0], rect[1], BOX.width, BOX.height], from: from.map(round) };
    placed.push(best.lines[i]);
  });
}

function main() {
  const [input, output] = process.argv.slice(2);
  if (!input) {
    console.error('usage: node scripts/make-lac-map.mjs ne_50m_admin_0_countries.json [out.json]');
    process.exit(2);
  }
  const here = dirname(fileURLToPath(import.meta.url));
  const target = output ?? resolve(here, '../ui/src/lib/lacMap.json');
  const features = JSON.parse(readFileSync(input, 'utf8')).features;
  const inCallout = new Set(CALLOUTS.flatMap((g) => g.codes));

  const countries = [];
  const land = [];
  for (const code of CODES) {
    const feature = features.find((f) => codeOf(f) === code);
    if (!feature) throw new Error(`${code} is not in ${input}`);
    let polys = polygons(feature.geometry, TOLERANCE, MIN_ISLAND);
    if (polys.length === 0) polys = rawPolygon(feature.geometry);
    const main = polys[0].rings;
    const marker = polys[0].area < DOT_AREA;
    if (marker && !inCallout.has(code)) throw new Error(`${code} is too small for its number and has no callout`);
    const label = LABEL_AT[code] ? project(LABEL_AT[code]) : labelPoint(main);
    const room = depth(label, main);
    if (LABEL_AT[code] && room <= 0) throw new Error(`the label of ${code} is outside it`);
    const country = { code, d: pathOf(polys), label: label.map(round), room: Math.max(0, Math.round(room)) };
    if (!inCallout.has(code)) {
      country.font = country.room < SMALL_ROOM || SMALL.includes(code) ? FONT.small : FONT.large;
    }
    if (marker) country.marker = true;
    countries.push(country);
    land.push(...polys.flatMap((p) => p.rings));
  }

  // Other land in the window (the United States, French Guiana, Puerto Rico, the Falklands...),
  // drawn pale and without numbers so the 33 do not float in a void.
  const others = features.filter((f) => !CODES.includes(codeOf(f)) && f.properties.CONTINENT !== 'Antarctica');
  const contextPolys = others.map((f) =>
    polygons(f.geometry, CONTEXT_TOLERANCE, MIN_CONTEXT).filter((p) => p.area >= 4),
  );
  const context = contextPolys.map(pathOf).join('');
  land.push(...contextPolys.flat().flatMap((p) => p.rings));

  // The numbers written inside, and the legend, are fixed; the callouts are placed around them.
  const byCode = new Map(countries.map((c) => [c.code, c]));
  const placed = countries.filter((c) => c.font).map((c) => ({ code: c.code, rect: numberRect(c) }));
  placed.push({ code: 'legend', rect: LEGEND_AREA(HEIGHT) });
  for (const group of CALLOUTS) placeGroup(group, byCode, placed);

  // Checks: every label inside the window, every callout off the land; no two labels touching,
  // and no label on the dot that ends a leader line.
  for (const { code, rect } of placed) {
    if (rect[0] < 0 || rect[1] < 0 || rect[2] > WIDTH || rect[3] > HEIGHT) throw new Error(`${code} leaves the map`);
    if (code !== 'legend' && byCode.get(code).callout && rectOnLand(grow(rect, COAST_MARGIN), land)) {
      throw new Error(`the callout of ${code} covers land`);
    }
  }
  for (let i = 0; i < placed.length; i++) {
    for (let j = i + 1; j < placed.length; j++) {
      if (overlaps(grow(placed[i].rect, LABEL_MARGIN / 2), grow(placed[j].rect, LABEL_MARGIN / 2))) {
        throw new Error(`the labels of ${placed[i].code} and ${placed[j].code} overlap`);
      }
    }
  }
  for (const c of countries.filter((c) => c.callout)) {
    const dot = grow([...c.label, ...c.label], PIN);
    const under = placed.find((p) => p.code !== c.code && overlaps(dot, p.rect));
    if (under) throw new Error(`the label of ${under.code} covers the end of the leader line of ${c.code}`);
  }

  const json = { source: SOURCE, viewBox: `0 0 ${WIDTH} ${HEIGHT}`, fonts: FONT, countries, context };
  const text = `${JSON.stringify(json)}\n`;
  writeFileSync(target, text);
  const callouts = countries.filter((c) => c.callout).length;
  console.log(`${target}: ${countries.length} countries, ${callouts} callouts, ${text.length} bytes`);
}

main();
