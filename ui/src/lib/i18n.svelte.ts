// The UI's texts, from the locale files shared with the Rust core
// (assets/locales). Spanish is the default; a missing key falls back to
// English, then Spanish, then shows the key itself.
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
const STORAGE_KEY = 'cabildo.ui-language';

export function interpolate(text: string, params: Record<string, string | number> = {}) {
  return text.replace(/\{(\w+)\}/g, (all, name: string) =>
    name in params ? String(params[name]) : all,
  );
}

export function translate(
  language: Language,
  key: string,
  params: Record<string, string | number> = {},
) {
  const text = tables[language][key] ?? tables.en[key] ?? tables.es[key] ?? key;
  return interpolate(text, params);
}

function initial(): Language {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
  return LANGUAGES.includes(saved as Language) ? (saved as Language) : 'es';
}

export const ui = $state({ language: initial() });

export function setLanguage(language: Language) {
  ui.language = language;
  globalThis.localStorage?.setItem(STORAGE_KEY, language);
  document.documentElement.lang = language;
}

export function t(key: string, params: Record<string, string | number> = {}) {
  return translate(ui.language, key, params);
}

/** A command's error in the user's language; anything else as text. */
export function errorText(e: unknown): string {
  const err = e as Partial<AppError> | undefined;
  if (err && typeof err === 'object' && typeof err.code === 'string') {
    const key = `error.${err.code}`;
    const known = key in tables[ui.language] || key in tables.en || key in tables.es;
    return known ? t(key, err.params ?? {}) : (err.message ?? err.code);
  }
  return String(e);
}
