// The 33 countries of Latin America and the Caribbean, shared with the core.
import data from '../../../assets/catalogue/countries.json';
import type { Country, Language } from './types';
import { sortedCountries } from './forms';

export const COUNTRIES: Country[] = data.countries;

export function countryName(code: string, language: Language): string {
  return COUNTRIES.find((c) => c.code === code)?.name[language] ?? code;
}

export function countriesFor(language: Language): Country[] {
  return sortedCountries(COUNTRIES, language);
}
