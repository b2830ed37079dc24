// The geometry of the small charts drawn as inline SVG: a line chart of a series
// and horizontal bars. Every chart also writes its numbers and sits beside a table.

/** The smallest and largest of `values` and `also`, widened when they are equal. */
export function extent(values: number[], also: number[] = []): [number, number] {
  const all = [...values, ...also].filter((v) => Number.isFinite(v));
  if (all.length === 0) return [0, 1];
  let lo = Math.min(...all);
  let hi = Math.max(...all);
  if (lo === hi) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    lo -= pad;
    hi += pad;
  }
  return [lo, hi];
}

/** A linear map from `domain` onto `range`. */
export function scale([d0, d1]: [number, number], [r0, r1]: [number, number]) {
  const span = d1 - d0 || 1;
  return (v: number) => r0 + ((v - d0) / span) * (r1 - r0);
}

export interface Bar {
  /** Where the bar starts and how wide it is, as fractions of the plot width. */
  x: number;
  width: number;
  negative: boolean;
}

/** Bars drawn from zero, to the right for positive values and to the left for negative ones. */
export function bars(values: (number | null)[]): { zero: number; bars: (Bar | null)[] } {
  const known = values.filter((v): v is number => v !== null && Number.isFinite(v));
  const lo = Math.min(0, ...known);
  const hi = Math.max(0, ...known);
  const span = hi - lo || 1;
  const zero = (0 - lo) / span;
  return {
    zero,
    bars: values.map((v) => {
      if (v === null || !Number.isFinite(v)) return null;
      const end = (v - lo) / span;
      return { x: Math.min(zero, end), width: Math.abs(end - zero), negative: v < 0 };
    }),
  };
}

/** One bar: `text` is the value as read (formatted by the caller); no value, no bar. */
export interface BarRow {
  key: string;
  label: string;
  value: number | null;
  text: string;
}
