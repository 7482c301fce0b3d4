// Import of a file into the server (`POST /api/import`): picked with the desktop's native
// open dialog when the bridge offers `openFile`, else with a file input. The server analyses
// and stores the requests; their hits reach the table through the live stream.
import { MAX_IMPORT_BODY_BYTES } from '../../shared/api/routes';
import type { FileFilter, OpenedFile } from '../../shared/api/desktop-bridge';
import { errorMessage } from '../lib/error-message';
import type { AppStore } from '../store/app-store';
import type { ApiClient } from './client';
import { desktopBridge } from './desktop';

const FILTERS: FileFilter[] = [
  { name: 'Hitscope exports and captures', extensions: ['ndjson', 'jsonl', 'har', 'json'] },
  { name: 'All files', extensions: ['*'] },
];
const ACCEPT = '.ndjson,.jsonl,.har,.json,application/json,application/x-ndjson';

export class ImportPickError extends Error {
  override name = 'ImportPickError';
}

const mib = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;

/** A file input, clicked once; resolves with the chosen file's text, null when cancelled. */
function pickWithInput(): Promise<OpenedFile | null> {
  document.querySelector('input[data-import-picker]')?.remove();
  return new Promise((resolve, reject) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = ACCEPT;
    input.hidden = true;
    input.dataset.importPicker = 'true';
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      input.remove();
      if (!file) return resolve(null);
      if (file.size > MAX_IMPORT_BODY_BYTES) {
        return reject(
          new ImportPickError(
            `${file.name} is ${mib(file.size)}; files up to ${mib(MAX_IMPORT_BODY_BYTES)} can be imported. Split it into smaller files (NDJSON files split at any line).`,
          ),
        );
      }
      file.text().then((content) => resolve({ name: file.name, content }), reject);
    });
    input.addEventListener('cancel', () => {
      input.remove();
      resolve(null);
    });
    document.body.append(input);
    input.click();
  });
}

export function pickImportFile(): Promise<OpenedFile | null> {
  const bridge = desktopBridge();
  if (bridge.openFile) return bridge.openFile({ filters: FILTERS });
  return pickWithInput();
}

/** Sends a file's text to the server and reports the outcome in the store. */
export async function importFile(client: ApiClient, store: AppStore, file: OpenedFile) {
  store.getState().startImport(file.name);
  if (file.content.length > MAX_IMPORT_BODY_BYTES) {
    const error = `${file.name} is larger than ${mib(MAX_IMPORT_BODY_BYTES)}, the most that can be imported at once. Split it into smaller files (NDJSON files split at any line).`;
    store.getState().finishImport({ fileName: file.name, error });
    return;
  }
  try {
    const result = await client.importFile({ content: file.content, name: file.name });
    store.getState().finishImport({ fileName: file.name, result });
  } catch (error) {
    store.getState().finishImport({ fileName: file.name, error: errorMessage(error) });
  }
}

/** Asks for a file, then imports it; one import at a time. */
export async function importHits(client: ApiClient, store: AppStore): Promise<void> {
  if (store.getState().importing !== null) return;
  let file: OpenedFile | null;
  try {
    file = await pickImportFile();
  } catch (error) {
    store.getState().finishImport({ fileName: '', error: errorMessage(error) });
    return;
  }
  if (file) await importFile(client, store, file);
}
