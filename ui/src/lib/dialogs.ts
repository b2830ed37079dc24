// The system's file dialogs, as the facilitator's screens use them.
import { getCurrentWebview } from '@tauri-apps/api/webview';
import { open } from '@tauri-apps/plugin-dialog';
import { t } from './i18n.svelte';

/** Asks for one CSV (or text) file; null when the facilitator cancels. */
export async function chooseCsvFile(): Promise<string | null> {
  const chosen = await open({
    multiple: false,
    directory: false,
    filters: [{ name: t('participants.csv_filter'), extensions: ['csv', 'txt'] }],
  });
  return typeof chosen === 'string' ? chosen : null;
}

/** Asks for any number of workshop files; an empty list when the person cancels. */
export async function chooseBundleFiles(): Promise<string[]> {
  const chosen = await open({
    multiple: true,
    directory: false,
    filters: [{ name: t('home.bundle_filter'), extensions: ['cabildo'] }],
  });
  if (chosen === null) return [];
  return Array.isArray(chosen) ? chosen : [chosen];
}

/** Asks for a folder; null when the person cancels. */
export async function chooseFolder(): Promise<string | null> {
  const chosen = await open({ multiple: false, directory: true });
  return typeof chosen === 'string' ? chosen : null;
}

/** Asks for a hub's database file; null when the person cancels. */
export async function chooseDatabaseFile(): Promise<string | null> {
  const chosen = await open({
    multiple: false,
    directory: false,
    filters: [{ name: t('coordinator.source.db_filter'), extensions: ['sqlite3', 'sqlite', 'db'] }],
  });
  return typeof chosen === 'string' ? chosen : null;
}

/**
 * Files and folders dragged onto the window: `hovering` while they are over it,
 * `dropped` with their paths. Resolves to the function that stops listening.
 */
export function onFileDrop(hovering: (over: boolean) => void, dropped: (paths: string[]) => void) {
  return getCurrentWebview().onDragDropEvent((e) => {
    const p = e.payload;
    if (p.type === 'enter' || p.type === 'over') hovering(true);
    else if (p.type === 'leave') hovering(false);
    else {
      hovering(false);
      if (p.paths.length > 0) dropped(p.paths);
    }
  });
}
