// The shapes that cross the Tauri boundary. They mirror the serde types of
// `crates/core` field for field (snake_case); change both together.

export type Language = 'es' | 'en' | 'pt' | 'fr';
export type TerritoryLevel = 'municipality' | 'association' | 'province' | 'department' | 'other';
export type Stage = 'preparation' | 'relevance' | 'prioritization' | 'actions' | 'other';
export type Gender = 'female' | 'male' | 'other' | 'not_stated';
export type Sector =
  | 'public_administration'
  | 'municipality'
  | 'ngo'
  | 'university'
  | 'private'
  | 'community'
  | 'other';
export type AgeBand = 'under_18' | 'from_18_to_29' | 'from_30_to_44' | 'from_45_to_59' | 'over_60';

/** Every error from a command: `code` names a key under `error.` in the locale files. */
export interface AppError {
  code: string;
  message: string;
  /** Values to put into the localized message, e.g. {field: "title"}. */
  params: Record<string, string>;
}

export interface Country {
  code: string; // ISO 3166-1 alpha-2
  name: Record<Language, string>;
}

export interface Territory {
  id: string;
  name: string;
  level: TerritoryLevel;
  country: string; // ISO code, one of the 33 countries
}

export interface TerritoryInput {
  id: string | null; // null for a new territory
  name: string;
  level: TerritoryLevel;
  country: string;
}

export interface AgendaItem {
  id: string;
  title: string;
  stage: Stage;
  minutes: number;
}

export interface AgendaItemInput {
  id: string | null;
  title: string;
  stage: Stage;
  minutes: number;
}

export interface WorkshopSummary {
  id: string;
  title: string;
  start_date: string; // YYYY-MM-DD
  end_date: string;
  language: Language;
  territories: Territory[];
  is_example: boolean;
  archived: boolean;
  participant_count: number;
  updated_at: string; // RFC 3339 UTC
}

export interface Workshop {
  id: string;
  title: string;
  start_date: string;
  end_date: string;
  language: Language;
  facilitators: string[];
  territories: Territory[];
  agenda: AgendaItem[];
  is_example: boolean;
  archived: boolean;
  created_at: string;
  updated_at: string;
}

export interface WorkshopInput {
  title: string;
  start_date: string;
  end_date: string;
  language: Language;
  facilitators: string[];
  territories: TerritoryInput[];
  agenda: AgendaItemInput[];
}

export interface Participant {
  id: string;
  workshop_id: string;
  name: string;
  gender: Gender;
  sector: Sector;
  institution: string;
  territory_id: string | null;
  role: string;
  age_band: AgeBand | null;
  email: string | null;
  phone: string | null;
  consent_listed: boolean;
  attendance: string[]; // the workshop days (YYYY-MM-DD) the person attended
  created_at: string;
  updated_at: string;
}

export interface ParticipantInput {
  name: string;
  gender: Gender;
  sector: Sector;
  institution: string;
  territory_id: string | null;
  role: string;
  age_band: AgeBand | null;
  email: string | null;
  phone: string | null;
  consent_listed: boolean;
  attendance: string[];
}

export interface Count<K> {
  key: K;
  count: number;
}

export interface ParticipantTotals {
  total: number;
  by_gender: Count<Gender>[]; // every gender, in the order of the type, zeros included
  by_sector: Count<Sector>[]; // every sector, zeros included
  by_territory: { territory_id: string | null; name: string | null; count: number }[];
}

export interface CsvRowProblem {
  column: string | null;
  error: AppError;
}

export interface CsvPreviewRow {
  line: number; // 1-based line in the file, header is line 1
  participant: ParticipantInput | null; // null when the row cannot be read at all
  problems: CsvRowProblem[]; // empty = the row will be imported
}

export interface CsvPreview {
  rows: CsvPreviewRow[];
  valid: number;
  invalid: number;
}

export interface ExportResult {
  path: string;
  bytes: number;
}

export interface ImportReport {
  workshop_id: string;
  title: string;
  inserted: number;
  updated: number;
  unchanged: number;
}

export interface ReportResult {
  path: string;
  pages: number;
  bytes: number;
}

export interface AppInfo {
  app_version: string;
  device_id: string;
  database_path: string;
  export_dir: string;
}
