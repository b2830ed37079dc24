// The actors and institutions screen of stage 3: the actor map with its
// power/interest grid, and the institutional analysis (competences by level,
// municipal areas rated for capacity, the weak ones and the actions that
// strengthen them). The core decides the quadrants and the weak areas; this
// module only lays them out and turns what a cell shows into what is sent.
import type {
  Actor,
  ActorBoard,
  ActorInput,
  ActorType,
  AreaAnalysis,
  Engagement,
  GovernmentLevel,
  InstitutionalAnalysis,
  Stance,
  TargetCompetences,
} from './types';

export const ACTOR_TYPES: ActorType[] = ['public', 'private', 'civil_society', 'international', 'academia'];
export const STANCES: Stance[] = ['supportive', 'neutral', 'opposed'];
export const LEVELS: GovernmentLevel[] = ['national', 'regional', 'municipal'];
export const RATINGS = [1, 2, 3, 4, 5] as const;
/** As in the core (actors::HIGH): 3 and above is high power or interest. */
export const HIGH = 3;
/** As in the core (institutions::WEAK_CAPACITY): rated this or lower needs strengthening. */
export const WEAK_CAPACITY = 2;

/** A 1–5 select's value: '' is "not given". */
export function parseRating(text: string): number | null {
  const n = Number(text);
  return text.trim() === '' || !Number.isInteger(n) ? null : n;
}

export const ratingText = (v: number | null | undefined) => (v === null || v === undefined ? '' : String(v));

/** The actor as the core takes it back. */
export function actorInputOf(actor: Actor): ActorInput {
  return {
    name: actor.name,
    kind: actor.kind,
    stance: actor.stance,
    power: actor.power,
    interest: actor.interest,
    notes: actor.notes,
  };
}

export type ActorField = 'name' | 'kind' | 'stance' | 'power' | 'interest' | 'notes';

/** The whole actor with one cell changed to what its input shows. */
export function withActorField(actor: Actor, field: ActorField, text: string): ActorInput {
  const input = actorInputOf(actor);
  switch (field) {
    case 'name':
      return { ...input, name: text };
    case 'notes':
      return { ...input, notes: text };
    case 'kind':
      return { ...input, kind: text as ActorType };
    case 'stance':
      return { ...input, stance: text === '' ? null : (text as Stance) };
    case 'power':
      return { ...input, power: parseRating(text) };
    case 'interest':
      return { ...input, interest: parseRating(text) };
  }
}

/** Where each quadrant sits on the grid: power up, interest to the right. */
export const QUADRANT_PLACE: Record<Engagement, { high_power: boolean; high_interest: boolean }> = {
  manage_closely: { high_power: true, high_interest: true },
  keep_satisfied: { high_power: true, high_interest: false },
  keep_informed: { high_power: false, high_interest: true },
  monitor: { high_power: false, high_interest: false },
};

export interface GridPoint {
  /** The actor's position in the map (0-based); the mark is this plus one. */
  index: number;
  mark: number;
  stance: Stance | null;
  power: number;
  interest: number;
  /** Where its numbers put it. */
  at: { x: number; y: number };
  /** Where it is drawn: actors on the same spot are set around it. */
  drawn: { x: number; y: number };
}

export interface GridLayout {
  plot: { x0: number; y0: number; x1: number; y1: number };
  /** The line between low and high (between 2 and 3), on both axes. */
  split: { x: number; y: number };
  /** Tick positions for 1…5. */
  ticks: { value: number; x: number; y: number }[];
  points: GridPoint[];
}

/**
 * Lays out the placed actors on a square of `size` with `pad` around the plot.
 * Interest runs 1…5 to the right and power 1…5 upwards; actors that share a
 * spot are set on a small ring around it (radius `r` each) so none hides another.
 */
export function gridLayout(actors: Actor[], size: number, pad: number, r: number): GridLayout {
  const plot = { x0: pad, y0: pad / 2, x1: size - pad / 2, y1: size - pad };
  const cellW = (plot.x1 - plot.x0) / 5;
  const cellH = (plot.y1 - plot.y0) / 5;
  const x = (v: number) => plot.x0 + (v - 0.5) * cellW;
  const y = (v: number) => plot.y1 - (v - 0.5) * cellH;

  const bySpot = new Map<string, number[]>();
  actors.forEach((a, i) => {
    if (a.power === null || a.interest === null) return;
    const key = `${a.power}:${a.interest}`;
    bySpot.set(key, [...(bySpot.get(key) ?? []), i]);
  });

  const points: GridPoint[] = [];
  for (const indices of bySpot.values()) {
    const n = indices.length;
    // A ring whose neighbours are a diameter and a bit apart, kept inside the cell.
    const ring = n === 1 ? 0 : Math.min(Math.min(cellW, cellH) / 2 - r / 2, (1.15 * r) / Math.sin(Math.PI / n));
    indices.forEach((index, j) => {
      const a = actors[index];
      const power = a.power as number;
      const interest = a.interest as number;
      const at = { x: x(interest), y: y(power) };
      const angle = -Math.PI / 2 + (2 * Math.PI * j) / n;
      points.push({
        index,
        mark: index + 1,
        stance: a.stance,
        power,
        interest,
        at,
        drawn: { x: at.x + ring * Math.cos(angle), y: at.y + ring * Math.sin(angle) },
      });
    });
  }
  points.sort((p, q) => p.index - q.index);

  return {
    plot,
    split: { x: x(HIGH - 0.5), y: y(HIGH - 0.5) },
    ticks: RATINGS.map((v) => ({ value: v, x: x(v), y: y(v) })),
    points,
  };
}

/** The SVG path of a stance's shape centred on (0, 0): the stance is read from the shape, not the colour. */
export function stanceShape(stance: Stance | null, r: number): string {
  const k = (v: number) => Math.round(v * 100) / 100;
  switch (stance) {
    case 'supportive': // circle
      return `M ${-r} 0 A ${r} ${r} 0 1 0 ${r} 0 A ${r} ${r} 0 1 0 ${-r} 0 Z`;
    case 'neutral': // square
      return `M ${k(-r * 0.9)} ${k(-r * 0.9)} H ${k(r * 0.9)} V ${k(r * 0.9)} H ${k(-r * 0.9)} Z`;
    case 'opposed': // triangle pointing down
      return `M ${k(-r * 1.15)} ${k(-r * 0.8)} H ${k(r * 1.15)} L 0 ${k(r * 1.2)} Z`;
    default: // not assessed: diamond
      return `M 0 ${k(-r * 1.2)} L ${k(r * 1.2)} 0 L 0 ${k(r * 1.2)} L ${k(-r * 1.2)} 0 Z`;
  }
}

/** The actors of each quadrant and the ones not placed yet, by their position in the map. */
export function quadrantMembers(actors: Actor[], grid: { quadrants: { engagement: Engagement; actors: string[] }[]; unplaced: string[] }) {
  const at = new Map(actors.map((a, i) => [a.id, i]));
  const members = (ids: string[]) =>
    ids.flatMap((id) => {
      const i = at.get(id);
      return i === undefined ? [] : [{ index: i, actor: actors[i] }];
    });
  return {
    quadrants: grid.quadrants.map((q) => ({ engagement: q.engagement, actors: members(q.actors) })),
    unplaced: members(grid.unplaced),
  };
}

/** The unit and notes of a target at one level; blank when not recorded. */
export function competenceAt(target: TargetCompetences, level: GovernmentLevel): { unit: string; notes: string } {
  const c = target.competences.find((x) => x.level === level);
  return { unit: c?.unit ?? '', notes: c?.notes ?? '' };
}

export interface WeakArea {
  /** Position in the areas' list. */
  index: number;
  analysis: AreaAnalysis;
  unaddressed: boolean;
}

/** The areas that need strengthening, in the areas' order, each flagged when no action addresses it. */
export function weakAreas(analysis: InstitutionalAnalysis): WeakArea[] {
  const weak = new Set(analysis.to_strengthen);
  const unaddressed = new Set(analysis.unaddressed);
  return analysis.areas.flatMap((a, index) =>
    weak.has(a.area.id) ? [{ index, analysis: a, unaddressed: unaddressed.has(a.area.id) }] : [],
  );
}

export interface CapacityBar {
  index: number;
  label: string;
  capacity: number | null;
  /** Share of the full scale (5), 0 when not rated. */
  share: number;
  weak: boolean;
}

/** One bar per area, on the 1–5 scale; unrated areas keep their row with no bar. */
export function capacityBars(analysis: InstitutionalAnalysis): CapacityBar[] {
  return analysis.areas.map((a, index) => ({
    index,
    label: a.area.label,
    capacity: a.area.capacity,
    share: a.area.capacity === null ? 0 : a.area.capacity / 5,
    weak: a.needs_strengthening,
  }));
}

/**
 * Runs edits that answer with a whole board and shows only the newest answer:
 * an older edit that answers late never covers a newer one's board.
 */
export function newestOnly<T>(show: (board: T) => void) {
  let seq = 0;
  let shown = 0;
  return async (action: () => Promise<T>): Promise<T> => {
    const mine = ++seq;
    const board = await action();
    if (mine > shown) {
      shown = mine;
      show(board);
    }
    return board;
  };
}

/** Sends an edit of the actor map and shows the board it answers with; throws the core's refusal. */
export type ActorEdit = (action: () => Promise<ActorBoard>) => Promise<unknown>;
/** The same for the institutional analysis. */
export type AnalysisEdit = (action: () => Promise<InstitutionalAnalysis>) => Promise<unknown>;
