// The one place that calls `invoke`. Each function names one Tauri command of
// src-tauri/src/commands.rs; arguments are passed as camelCase keys, which Tauri
// maps to the commands' snake_case parameters.
import { invoke } from '@tauri-apps/api/core';
import type {
  AppInfo,
  Country,
  CsvPreview,
  ExportResult,
  ImportReport,
  Language,
  Participant,
  ParticipantInput,
  ParticipantTotals,
  ReportResult,
  Workshop,
  WorkshopInput,
  WorkshopSummary,
} from './types';

export const appInfo = () => invoke<AppInfo>('app_info');
export const countries = () => invoke<Country[]>('countries');

export const listWorkshops = (includeArchived: boolean) =>
  invoke<WorkshopSummary[]>('list_workshops', { includeArchived });
export const getWorkshop = (id: string) => invoke<Workshop>('get_workshop', { id });
export const createWorkshop = (input: WorkshopInput) => invoke<Workshop>('create_workshop', { input });
export const updateWorkshop = (id: string, input: WorkshopInput) =>
  invoke<Workshop>('update_workshop', { id, input });
export const setWorkshopArchived = (id: string, archived: boolean) =>
  invoke<void>('set_workshop_archived', { id, archived });

export const listParticipants = (workshopId: string) =>
  invoke<Participant[]>('list_participants', { workshopId });
export const addParticipant = (workshopId: string, input: ParticipantInput) =>
  invoke<Participant>('add_participant', { workshopId, input });
export const updateParticipant = (id: string, input: ParticipantInput) =>
  invoke<Participant>('update_participant', { id, input });
export const removeParticipant = (id: string) => invoke<void>('remove_participant', { id });
export const participantTotals = (workshopId: string) =>
  invoke<ParticipantTotals>('participant_totals', { workshopId });
export const previewParticipantsCsv = (workshopId: string, path: string) =>
  invoke<CsvPreview>('preview_participants_csv', { workshopId, path });
/** Imports the rows of the file that the preview showed as valid; returns how many. */
export const importParticipantsCsv = (workshopId: string, path: string) =>
  invoke<number>('import_participants_csv', { workshopId, path });

/** `path` null writes into the export folder (AppInfo.export_dir) under a name made from the title. */
export const exportBundle = (workshopId: string, path: string | null) =>
  invoke<ExportResult>('export_bundle', { workshopId, path });
export const importBundle = (path: string) => invoke<ImportReport>('import_bundle', { path });
/** `path` null writes into the export folder; `language` is the report's language. */
export const writeReport = (workshopId: string, path: string | null, language: Language) =>
  invoke<ReportResult>('write_report', { workshopId, path, language });
/** Opens a file or folder with the system's default program. */
export const openPath = (path: string) => invoke<void>('open_path', { path });
