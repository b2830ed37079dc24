// The UI's texts, from the locale files shared with the Rust core
// (assets/locales). Spanish is the default; a missing key falls back to
// English, then Spanish, then shows the key itself. A text that counts things
// takes `n`; when n is 1 the key `<key>_one` is used where a language has it.
import es from '../../../assets/locales/es.json';
import en from '../../../assets/locales/en.json';
import pt from '../../../assets/locales/pt.json';
import fr from '../../../assets/locales/fr.json';
import type { AppError, Language } from './types';

type Tree = { [key: string]: string | Tree };

export function flatten(tree: Tree, prefix = '', out: Record<string, string> = {}) {
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out[key] = v;
    else flatten(v, key, out);
  }
  return out;
}

export const tables: Record<Language, Record<string, string>> = {
  es: flatten(es),
  en: flatten(en),
  pt: flatten(pt),
  fr: flatten(fr),
};

export const LANGUAGES: Language[] = ['es', 'en', 'pt', 'fr'];
export const STORAGE_KEY = 'cabildo.ui-language';

export function interpolate(text: string, params: Record<string, string | number> = {}) {
  return text.replace(/\{(\w+)\}/g, (all, name: string) =>
    name in params ? String(params[name]) : all,
  );
}

/** The text of `key` along the fallback chain, or undefined when no language has it. */
export function lookup(language: Language, key: string): string | undefined {
  return tables[language][key] ?? tables.en[key] ?? tables.es[key];
}

export function translate(
  language: Language,
  key: string,
  params: Record<string, string | number> = {},
) {
  const one = String(params.n) === '1' ? lookup(language, `${key}_one`) : undefined;
  return interpolate(one ?? lookup(language, key) ?? key, params);
}

function initial(): Language {
  try {
    const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
    return LANGUAGES.includes(saved as Language) ? (saved as Language) : 'es';
  } catch {
    return 'es';
  }
}

export const ui = $state({ language: initial() });

export function setLanguage(language: Language) {
  ui.language = language;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, language);
  } catch {
    // A full or disabled storage only means the choice is not remembered.
  }
  if (globalThis.document) document.documentElement.lang = language;
}

export function t(key: string, params: Record<string, string | number> = {}) {
  return translate(ui.language, key, params);
}

/** A command's error in the user's language; anything else as text. */
export function errorText(e: unknown): string {
  const err = e as Partial<AppError> | undefined;
  if (err && typeof err === 'object' && typeof err.code === 'string') {
    const key = `error.${err.code}`;
    return lookup(ui.language, key) !== undefined
      ? t(key, err.params ?? {})
      : (err.message ?? err.code);
  }
  return String(e);
}
