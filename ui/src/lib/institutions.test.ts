import { describe, expect, it } from 'vitest';
import {
  actorInputOf,
  capacityBars,
  competenceAt,
  gridLayout,
  newestOnly,
  parseRating,
  quadrantMembers,
  stanceShape,
  weakAreas,
  withActorField,
} from './institutions';
import type { Actor, AreaAnalysis, InstitutionalAnalysis, TargetCompetences } from './types';

function actor(id: string, power: number | null, interest: number | null, more: Partial<Actor> = {}): Actor {
  return {
    id,
    name: `Actor ${id}`,
    kind: 'public',
    stance: null,
    power,
    interest,
    notes: '',
    engagement: null,
    ...more,
  };
}

function area(id: string, capacity: number | null, actions: string[] = []): AreaAnalysis {
  return {
    area: { id, key: null, label: `Área ${id}`, custom: true, capacity, gaps: '' },
    needs_strengthening: capacity !== null && capacity <= 2,
    actions: actions.map((title, i) => ({ id: `${id}-${i}`, title })),
  };
}

function analysis(areas: AreaAnalysis[]): InstitutionalAnalysis {
  const weak = areas.filter((a) => a.needs_strengthening);
  return {
    decision: null,
    targets: [],
    areas,
    to_strengthen: weak.map((a) => a.area.id),
    unaddressed: weak.filter((a) => a.actions.length === 0).map((a) => a.area.id),
  };
}

describe('actor cells', () => {
  it('reads an empty rating select as not given and a digit as the rating', () => {
    expect(parseRating('')).toBeNull();
    expect(parseRating('4')).toBe(4);
  });

  it('sends the whole actor with only the changed cell replaced', () => {
    const a = actor('A', 4, 2, { stance: 'supportive', notes: 'Financia' });
    expect(withActorField(a, 'interest', '5')).toEqual({ ...actorInputOf(a), interest: 5 });
    expect(withActorField(a, 'power', '')).toEqual({ ...actorInputOf(a), power: null });
    expect(withActorField(a, 'stance', '')).toEqual({ ...actorInputOf(a), stance: null });
    expect(withActorField(a, 'kind', 'academia').kind).toBe('academia');
    expect(withActorField(a, 'name', 'Seremi').name).toBe('Seremi');
  });
});

describe('the power/interest grid', () => {
  it('puts interest to the right and power upwards with the split between 2 and 3', () => {
    const g = gridLayout([actor('A', 5, 1), actor('B', 1, 5)], 500, 60, 16);
    const [a, b] = g.points;
    expect(a.drawn.x).toBeLessThan(g.split.x);
    expect(a.drawn.y).toBeLessThan(g.split.y);
    expect(b.drawn.x).toBeGreaterThan(g.split.x);
    expect(b.drawn.y).toBeGreaterThan(g.split.y);
    expect(g.split.x).toBeCloseTo((g.ticks[1].x + g.ticks[2].x) / 2);
  });

  it('numbers the points by the actor’s place in the map and leaves out the unplaced', () => {
    const g = gridLayout([actor('A', 3, 3), actor('B', null, 4), actor('C', 2, 2)], 500, 60, 16);
    expect(g.points.map((p) => p.mark)).toEqual([1, 3]);
  });

  it('sets actors on the same spot apart so none hides another', () => {
    const g = gridLayout([actor('A', 4, 4), actor('B', 4, 4), actor('C', 4, 4)], 500, 60, 16);
    const drawn = g.points.map((p) => p.drawn);
    for (let i = 0; i < drawn.length; i++)
      for (let j = i + 1; j < drawn.length; j++)
        expect(Math.hypot(drawn[i].x - drawn[j].x, drawn[i].y - drawn[j].y)).toBeGreaterThanOrEqual(32);
    expect(g.points.every((p) => p.at.x === g.points[0].at.x && p.at.y === g.points[0].at.y)).toBe(true);
  });

  it('gives each stance its own shape', () => {
    const shapes = new Set([stanceShape('supportive', 10), stanceShape('neutral', 10), stanceShape('opposed', 10), stanceShape(null, 10)]);
    expect(shapes.size).toBe(4);
  });

  it('lists each quadrant’s actors and the unplaced ones with their place in the map', () => {
    const actors = [actor('A', 5, 5), actor('B', null, null), actor('C', 1, 1)];
    const m = quadrantMembers(actors, {
      quadrants: [
        { engagement: 'manage_closely', actors: ['A'] },
        { engagement: 'monitor', actors: ['C'] },
      ],
      unplaced: ['B'],
    });
    expect(m.quadrants.map((q) => q.actors.map((a) => a.index))).toEqual([[0], [2]]);
    expect(m.unplaced.map((a) => a.actor.id)).toEqual(['B']);
  });
});

describe('the institutional analysis', () => {
  it('shows a level with no competence recorded as blank', () => {
    const target: TargetCompetences = {
      code: '5.A',
      title: { es: '', en: '', pt: '', fr: '' },
      competences: [{ level: 'regional', unit: 'Seremi de Salud', notes: 'Atención primaria' }],
    };
    expect(competenceAt(target, 'regional')).toEqual({ unit: 'Seremi de Salud', notes: 'Atención primaria' });
    expect(competenceAt(target, 'municipal')).toEqual({ unit: '', notes: '' });
  });

  it('lists the weak areas in order and flags those no action addresses', () => {
    const a = analysis([area('P', 1, ['Registro único']), area('F', 4), area('S', 2), area('E', null)]);
    const weak = weakAreas(a);
    expect(weak.map((w) => [w.index, w.unaddressed])).toEqual([
      [0, false],
      [2, true],
    ]);
    expect(weak[0].analysis.actions.map((x) => x.title)).toEqual(['Registro único']);
  });

  it('draws a bar per area on the five-point scale and none for an unrated one', () => {
    const bars = capacityBars(analysis([area('P', 5), area('F', 2), area('E', null)]));
    expect(bars.map((b) => [b.share, b.weak])).toEqual([
      [1, false],
      [0.4, true],
      [0, false],
    ]);
  });
});

describe('edits that answer with a board', () => {
  it('never let an older answer cover a newer one', async () => {
    const shown: string[] = [];
    const run = newestOnly<string>((b) => shown.push(b));
    let first: (v: string) => void = () => {};
    const slow = run(() => new Promise<string>((resolve) => (first = resolve)));
    await run(async () => 'second');
    first('first');
    await slow;
    expect(shown).toEqual(['second']);
  });
});
