// The phone page's texts: only the `phone` namespace of the shared locale files,
// imported by name so the bundler leaves the facilitator's texts out. As in the
// rest of the app, a missing key falls back to English, then Spanish (the
// default), then shows the key itself; `<key>_one` is used when n is 1.
import { phone as es } from '../../../assets/locales/es.json';
import { phone as en } from '../../../assets/locales/en.json';
import { phone as pt } from '../../../assets/locales/pt.json';
import { phone as fr } from '../../../assets/locales/fr.json';
import type { Language } from './types';

export const LANGUAGES: Language[] = ['es', 'en', 'pt', 'fr'];

type Tree = { [key: string]: string | Tree };
export type Table = Record<string, string>;
export type Params = Record<string, string | number>;

function flatten(tree: Tree, prefix = '', out: Table = {}): Table {
  for (const k of Object.keys(tree)) {
    const v = tree[k];
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out[key] = v;
    else flatten(v, key, out);
  }
  return out;
}

const TABLES: Record<Language, Table> = {
  es: flatten(es),
  en: flatten(en),
  pt: flatten(pt),
  fr: flatten(fr),
};

export function isLanguage(x: unknown): x is Language {
  return LANGUAGES.indexOf(x as Language) >= 0;
}

/** A translator over `tables` (the real ones unless a test passes its own). */
export function translator(language: Language, tables: Record<Language, Table> = TABLES) {
  const lookup = (key: string) => tables[language][key] ?? tables.en[key] ?? tables.es[key];
  return (key: string, params: Params = {}): string => {
    const one = String(params.n) === '1' ? lookup(`${key}_one`) : undefined;
    const text = one ?? lookup(key) ?? key;
    return text.replace(/\{(\w+)\}/g, (all, name: string) =>
      name in params ? String(params[name]) : all,
    );
  };
}

export type Translate = ReturnType<typeof translator>;

/** The phone's own language when it is one of the four, for the page before joining. */
export function browserLanguage(tags: readonly string[]): Language | undefined {
  for (const tag of tags) {
    const code = tag.slice(0, 2).toLowerCase();
    if (isLanguage(code)) return code;
  }
  return undefined;
}
