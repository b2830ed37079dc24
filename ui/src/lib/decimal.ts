// Numbers as people type them, read exactly as crates/core/src/decimal.rs reads
// them: `12,5` or `12.5`, thousands marks in either (`1.234,5`, `1,234.5`), and
// the spellings of "not available" that statistical tables use. The grid parses
// here first so a refused cell is marked before anything is sent.
import type { Entry } from './types';

/** What a cell's text means: a value, nothing (an empty cell), or not a number. */
export type Parsed = { ok: true; entry: Entry | null } | { ok: false };

// Rust's `char::is_whitespace` (Unicode White_Space), which `str::trim` removes.
const WS = '\\t-\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const EDGES = new RegExp(`^[${WS}]+|[${WS}]+$`, 'g');
const rustTrim = (s: string) => s.replace(EDGES, '');

const ACCENTS: Record<string, string> = {
  á: 'a', à: 'a', â: 'a', ã: 'a', ä: 'a',
  é: 'e', è: 'e', ê: 'e', ë: 'e',
  í: 'i', ì: 'i', î: 'i', ï: 'i',
  ó: 'o', ò: 'o', ô: 'o', õ: 'o', ö: 'o',
  ú: 'u', ù: 'u', û: 'u', ü: 'u',
  ç: 'c', ñ: 'n', _: ' ',
};

/** Lowercase without accents, as `spreadsheet::fold`. */
export function fold(s: string): string {
  return Array.from(rustTrim(s).toLowerCase(), (c) => ACCENTS[c] ?? c)
    .join('')
    .replaceAll('  ', ' ');
}

const NOT_AVAILABLE = new Set([
  'nd', 'n/d', 'n.d.', 'na', 'n/a', 'n.a.', '...', '..', '-', '—', '–', 's/d',
  'sin dato', 'sin datos', 'no disponible', 'not available', 'nao disponivel',
  'non disponible', 'nd.',
]);

/** The grammar of Rust's `f64::from_str` once words (inf, NaN) are ruled out. */
const FLOAT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

const count = (s: string, c: string) => s.split(c).length - 1;

export function parseDecimal(text: string): Parsed {
  if (NOT_AVAILABLE.has(fold(text))) return { ok: true, entry: { kind: 'not_available' } };
  const t = Array.from(rustTrim(text))
    .filter((c) => c !== ' ' && c !== '\u00a0' && c !== '\u202f' && c !== '%')
    .join('');
  if (t === '') return { ok: true, entry: null };
  const comma = t.lastIndexOf(',');
  const point = t.lastIndexOf('.');
  let normalized: string;
  if (comma >= 0 && point >= 0) {
    // Both marks: the last one is the decimal mark, the other groups thousands.
    normalized = comma > point ? t.replaceAll('.', '').replaceAll(',', '.') : t.replaceAll(',', '');
  } else if (comma >= 0) {
    if (count(t, ',') !== 1) return { ok: false };
    normalized = t.replace(',', '.');
  } else {
    normalized = t;
  }
  if (!FLOAT.test(normalized)) return { ok: false };
  const value = Number(normalized);
  return Number.isFinite(value) ? { ok: true, entry: { kind: 'number', value } } : { ok: false };
}
