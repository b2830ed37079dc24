import { describe, expect, it } from 'vitest';
import {
  EMPTY_FORM,
  cellText,
  countResults,
  differingFields,
  isFiltered,
  mapCounts,
  moment,
  nextSort,
  replaceReports,
  resultKind,
  resultLine,
  shortDevice,
  sortWorkshops,
  toFilter,
  trustInput,
  untrustedDevices,
} from './coordinator';
import type { CoordinatorTotals, CoordinatorWorkshop, FileReport, MergeConflict } from './types';

const signer = (device: string) => ({
  device_id: device,
  public_key: `key-${device}`,
  fingerprint: `FP-${device}`,
  workshop_title: `Taller de ${device}`,
});

const merged = (path: string, outcome: 'new' | 'updated' | 'unchanged', conflicts = 0): FileReport => ({
  path,
  name: path.split('/').pop() ?? path,
  result: 'merged',
  workshop_id: `w-${path}`,
  title: `Taller ${path}`,
  device_id: 'd',
  outcome,
  inserted: outcome === 'new' ? 12 : 0,
  updated: outcome === 'updated' ? 3 : 0,
  unchanged: outcome === 'unchanged' ? 12 : 9,
  conflicts,
});

const unknown = (path: string, device: string): FileReport => ({
  path,
  name: path,
  result: 'rejected',
  error: {
    code: 'bundle_unknown_device',
    message: 'unknown device',
    params: { device, fingerprint: `FP-${device}` },
  },
  signer: signer(device),
});

const tampered = (path: string): FileReport => ({
  path,
  name: path,
  result: 'rejected',
  error: { code: 'bundle_tampered', message: 'tampered', params: {} },
  signer: null,
});

describe('import results', () => {
  it('are counted as new, updated, unchanged or rejected', () => {
    const list = [merged('a', 'new'), merged('b', 'new'), merged('c', 'unchanged'), tampered('d')];
    expect(list.map(resultKind)).toEqual(['new', 'new', 'unchanged', 'rejected']);
    expect(countResults(list)).toEqual({ new: 2, updated: 0, unchanged: 1, rejected: 1 });
    expect(countResults([])).toEqual({ new: 0, updated: 0, unchanged: 0, rejected: 0 });
  });

  it('say what a merge did, and why a file was refused, in the chosen language', () => {
    expect(resultLine('es', merged('/x/a.cabildo', 'new'))).toBe(
      'Taller /x/a.cabildo — 12 filas nuevas, 0 actualizadas, 9 iguales',
    );
    expect(resultLine('en', merged('a', 'updated', 1))).toContain('1 conflict to look at');
    expect(resultLine('es', unknown('a', 'dev-1'))).toContain('FP-dev-1');
    expect(resultLine('fr', tampered('a'))).toContain('modifié');
    const odd: FileReport = {
      path: 'a',
      name: 'a',
      result: 'rejected',
      error: { code: 'brand_new', message: 'Something new', params: {} },
      signer: null,
    };
    expect(resultLine('pt', odd)).toBe('Something new');
  });

  it('group the files of unknown devices by device, in the order met, to trust them', () => {
    const list = [
      unknown('1', 'A'),
      merged('2', 'new'),
      unknown('3', 'B'),
      unknown('4', 'A'),
      tampered('5'),
      { ...unknown('6', 'C'), signer: null },
    ];
    const devices = untrustedDevices(list);
    expect(devices.map((d) => [d.signer.device_id, d.paths])).toEqual([
      ['A', ['1', '4']],
      ['B', ['3']],
    ]);
    expect(trustInput(devices[0])).toEqual({ device_id: 'A', public_key: 'key-A', label: 'Taller de A' });
  });

  it('after trusting, the files imported again take their new result in place', () => {
    const before = [unknown('1', 'A'), merged('2', 'new'), unknown('3', 'B')];
    const after = replaceReports(before, [merged('3', 'new'), merged('1', 'new'), merged('9', 'new')]);
    expect(after.map((r) => [r.path, resultKind(r)])).toEqual([
      ['1', 'new'],
      ['2', 'new'],
      ['3', 'new'],
      ['9', 'new'],
    ]);
  });
});

describe('the filter', () => {
  it('sends nulls for blank fields and trims the rest', () => {
    expect(toFilter(EMPTY_FORM)).toEqual({
      country: null,
      municipality: null,
      from: null,
      to: null,
      goal: null,
      facilitator: null,
    });
    expect(isFiltered(EMPTY_FORM)).toBe(false);
    const f = toFilter({ ...EMPTY_FORM, country: 'HT', municipality: '  quiri ', facilitator: ' ', goal: '5' });
    expect(f).toMatchObject({ country: 'HT', municipality: 'quiri', facilitator: null, goal: 5 });
    expect(isFiltered({ ...EMPTY_FORM, facilitator: '   ' })).toBe(false);
  });

  it('keeps only whole dates and goals 1 to 8', () => {
    expect(toFilter({ ...EMPTY_FORM, from: '2026-03-01', to: '2026-3' })).toMatchObject({
      from: '2026-03-01',
      to: null,
    });
    expect(toFilter({ ...EMPTY_FORM, goal: '9' }).goal).toBeNull();
    expect(toFilter({ ...EMPTY_FORM, goal: '0' }).goal).toBeNull();
    expect(toFilter({ ...EMPTY_FORM, goal: 'x' }).goal).toBeNull();
    expect(toFilter({ ...EMPTY_FORM, goal: '8' }).goal).toBe(8);
  });
});

const row = (title: string, start: string, extra: Partial<CoordinatorWorkshop> = {}): CoordinatorWorkshop => ({
  id: title,
  title,
  start_date: start,
  countries: ['CL'],
  territories: [],
  facilitators: [],
  participants: 10,
  women: 5,
  men: 5,
  prioritized: null,
  goal: null,
  actions: 0,
  commitments: 0,
  overdue: 0,
  device_id: 'd',
  updated_at: '',
  ...extra,
});

describe('the workshop list', () => {
  const names: Record<string, string> = { CL: 'Chile', HT: 'Haití', AR: 'Argentina' };
  const name = (c: string) => names[c] ?? c;
  const rows = [
    row('Quirihue', '2026-03-10', { participants: 40, goal: 5, overdue: 2 }),
    row('Jacmel', '2026-05-02', { countries: ['HT'], participants: 12, goal: 1 }),
    row('Rosario', '2025-11-20', { countries: ['AR'], participants: 40 }),
  ];
  const titles = (list: CoordinatorWorkshop[]) => list.map((w) => w.title);

  it('starts newest first and sorts by any column, ties newest first', () => {
    expect(titles(sortWorkshops(rows, { key: 'date', descending: true }, name))).toEqual([
      'Jacmel',
      'Quirihue',
      'Rosario',
    ]);
    expect(titles(sortWorkshops(rows, { key: 'title', descending: false }, name))).toEqual([
      'Jacmel',
      'Quirihue',
      'Rosario',
    ]);
    expect(titles(sortWorkshops(rows, { key: 'country', descending: false }, name))).toEqual([
      'Rosario',
      'Quirihue',
      'Jacmel',
    ]);
    expect(titles(sortWorkshops(rows, { key: 'participants', descending: true }, name))).toEqual([
      'Quirihue',
      'Rosario',
      'Jacmel',
    ]);
    expect(titles(sortWorkshops(rows, { key: 'overdue', descending: true }, name))[0]).toBe('Quirihue');
  });

  it('puts workshops without a prioritized MDG last either way', () => {
    expect(titles(sortWorkshops(rows, { key: 'goal', descending: false }, name))).toEqual([
      'Jacmel',
      'Quirihue',
      'Rosario',
    ]);
    expect(titles(sortWorkshops(rows, { key: 'goal', descending: true }, name))).toEqual([
      'Quirihue',
      'Jacmel',
      'Rosario',
    ]);
  });

  it('does not reorder the list it was given', () => {
    sortWorkshops(rows, { key: 'title', descending: true }, name);
    expect(titles(rows)).toEqual(['Quirihue', 'Jacmel', 'Rosario']);
  });

  it('turns a column round on a second click; counts and dates start largest first', () => {
    expect(nextSort({ key: 'date', descending: true }, 'date')).toEqual({ key: 'date', descending: false });
    expect(nextSort({ key: 'date', descending: true }, 'title')).toEqual({ key: 'title', descending: false });
    expect(nextSort({ key: 'title', descending: false }, 'participants')).toEqual({
      key: 'participants',
      descending: true,
    });
  });
});

describe('the map', () => {
  it('counts participants or workshops per country', () => {
    const totals = {
      by_country: [
        { country: 'HT', workshops: 2, municipalities: 2, participants: 90, women: 50, men: 40 },
        { country: 'CL', workshops: 3, municipalities: 1, participants: 60, women: 30, men: 30 },
      ],
    } as CoordinatorTotals;
    expect(mapCounts(totals, 'participants')).toEqual({ HT: 90, CL: 60 });
    expect(mapCounts(totals, 'workshops')).toEqual({ HT: 2, CL: 3 });
  });
});

describe('conflicts', () => {
  const conflict: MergeConflict = {
    id: 'c1',
    workshop_id: 'w',
    workshop: 'Taller',
    table: 'workshops',
    row_id: 'w',
    kept_device: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
    kept_updated_at: '2026-11-20T10:00:00.000Z',
    kept: { id: 'w', title: 'Versión de Ana', facilitators: ['Ana'], archived: 0, updated_at: 'x', device_id: 'a' },
    lost_device: 'b',
    lost_updated_at: '2026-11-19T10:00:00.000Z',
    lost: { id: 'w', title: 'Versión de Bruno', facilitators: ['Ana'], archived: 1, updated_at: 'y', device_id: 'b' },
    detected_at: '2026-11-21T10:00:00.000Z',
    resolved_at: null,
  };

  it('show only the fields the two versions disagree on, bookkeeping aside', () => {
    expect(differingFields(conflict)).toEqual([
      { field: 'title', kept: 'Versión de Ana', lost: 'Versión de Bruno' },
      { field: 'archived', kept: '0', lost: '1' },
    ]);
  });

  it('write values as a person reads them', () => {
    expect(cellText(null)).toBe('—');
    expect(cellText('')).toBe('—');
    expect(cellText(3.5)).toBe('3.5');
    expect(cellText(['Ana', 'Bruno'])).toBe('["Ana","Bruno"]');
    expect(shortDevice(conflict.kept_device)).toBe('…0c1d2e3f4a5b');
    expect(shortDevice('abc')).toBe('abc');
  });

  it('date moments in the chosen language, and keep what cannot be read', () => {
    expect(moment('2026-11-20T10:00:00.000Z', 'es')).toMatch(/2026/);
    expect(moment('not a date', 'es')).toBe('not a date');
  });
});
