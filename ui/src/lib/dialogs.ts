// The system's file dialogs, as the facilitator's screens use them.
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
