// The projected window's keyboard: one letter per action, never while typing.

export type PresenterAction = 'reveal' | 'close' | 'next' | 'fullscreen' | 'table';

const KEYS: Record<string, PresenterAction> = {
  r: 'reveal',
  c: 'close',
  n: 'next',
  f: 'fullscreen',
  t: 'table',
};

/** The keys in the legend, in order. */
export const PRESENTER_KEYS = Object.entries(KEYS).map(([key, action]) => ({ key: key.toUpperCase(), action }));

export function presenterAction(
  e: { key: string; altKey?: boolean; ctrlKey?: boolean; metaKey?: boolean },
  target: { tagName: string; isContentEditable?: boolean } | null,
): PresenterAction | null {
  if (e.altKey || e.ctrlKey || e.metaKey) return null;
  const tag = target?.tagName.toLowerCase() ?? '';
  if (tag === 'input' || tag === 'textarea' || tag === 'select' || target?.isContentEditable) return null;
  return KEYS[e.key.toLowerCase()] ?? null;
}
