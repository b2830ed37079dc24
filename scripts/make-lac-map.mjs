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
// country, and a column of circle markers for the states too small to see.

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

// A country whose largest island is smaller than about 8 by 8 units gets a circle marker joined
// to it by a leader line: its own shape is too small to see or to carry a number. The Lesser
// Antilles are too close together for markers in place, so theirs stand in a column in the
// Atlantic.
const DOT_AREA = 64;
const DOT_COLUMN_LON = -55.5;
const DOT_SPACING = 30;

// Hand-placed, in degrees, where there is no room for a number on every country: markers for
// the Bahamas (scattered islands too thin to see) and El Salvador (squeezed between its
// neighbours' numbers) stand in the sea nearby, and four numbers are moved apart from their
// neighbours' (each point is still inside its country; the script checks).
const MARKER_AT = { BS: [-72.3, 26.4], SV: [-91.0, 11.9] };
const LABEL_AT = { CU: [-79.6, 22.1], HT: [-72.45, 19.25], DO: [-69.5, 18.85], NI: [-84.8, 12.2] };

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

function main() {
  const [input, output] = process.argv.slice(2);
  if (!input) {
    console.error('usage: node scripts/make-lac-map.mjs ne_50m_admin_0_countries.json [out.json]');
    process.exit(2);
  }
  const here = dirname(fileURLToPath(import.meta.url));
  const target = output ?? resolve(here, '../ui/src/lib/lacMap.json');
  const features = JSON.parse(readFileSync(input, 'utf8')).features;

  const countries = [];
  const column = [];
  for (const code of CODES) {
    const feature = features.find((f) => codeOf(f) === code);
    if (!feature) throw new Error(`${code} is not in ${input}`);
    let polys = polygons(feature.geometry, TOLERANCE, MIN_ISLAND);
    if (polys.length === 0) polys = rawPolygon(feature.geometry);
    const main = polys[0].rings;
    const small = polys[0].area < DOT_AREA;
    const label = LABEL_AT[code] ? project(LABEL_AT[code]) : labelPoint(main);
    const room = depth(label, main);
    if (LABEL_AT[code] && room <= 0) throw new Error(`the label of ${code} is outside it`);
    const country = { code, d: pathOf(polys), label: label.map(round), room: Math.max(0, Math.round(room)) };
    if (MARKER_AT[code]) {
      country.dot = project(MARKER_AT[code]).map(round);
      country.anchor = country.label;
    } else if (small) {
      country.anchor = country.label;
      column.push(country);
    }
    countries.push(country);
  }

  // The column stands east of the Lesser Antilles, in the order of the islands from north to
  // south so no two leader lines cross, one place higher than centred so its foot stays off
  // the coast of Suriname.
  column.sort((a, b) => a.anchor[1] - b.anchor[1]);
  const x = round(project([DOT_COLUMN_LON, 0])[0]);
  const middle = column.reduce((s, c) => s + c.anchor[1], 0) / column.length;
  const top = middle - ((column.length - 1) * DOT_SPACING) / 2 - DOT_SPACING;
  column.forEach((c, i) => {
    c.dot = [x, round(top + i * DOT_SPACING)];
  });

  // Other land in the window (the United States, French Guiana, Puerto Rico, the Falklands...),
  // drawn pale and without numbers so the 33 do not float in a void.
  const others = features.filter((f) => !CODES.includes(codeOf(f)) && f.properties.CONTINENT !== 'Antarctica');
  const context = others
    .map((f) => pathOf(polygons(f.geometry, CONTEXT_TOLERANCE, MIN_CONTEXT).filter((p) => p.area >= 4)))
    .join('');

  const json = { source: SOURCE, viewBox: `0 0 ${WIDTH} ${HEIGHT}`, countries, context };
  const text = `${JSON.stringify(json)}\n`;
  writeFileSync(target, text);
  console.log(`${target}: ${countries.length} countries, ${countries.filter((c) => c.dot).length} markers, ${text.length} bytes`);
}

main();
