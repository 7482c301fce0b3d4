// Export of the captured hits: through the desktop's native save dialog when the bridge
// offers `saveFile`, else as a browser download of `/api/export`.
import type { ExportFormat } from '../../shared/api/routes';
import type { AppStore } from '../store/app-store';
import type { ApiClient } from './client';
import { exportUrl } from './client';
import { desktopBridge } from './desktop';
import { errorMessage } from '../lib/error-message';

const EXTENSIONS: Record<ExportFormat, string> = { ndjson: 'ndjson', har: 'har', csv: 'csv' };

export function exportFileName(format: ExportFormat, now = new Date()): string {
  const stamp = now.toISOString().slice(0, 19).replace(/[:T]/g, '-');
  return `hitscope-${stamp}.${EXTENSIONS[format]}`;
}

export async function exportHits(
  client: ApiClient,
  store: AppStore,
  format: ExportFormat,
): Promise<void> {
  const bridge = desktopBridge();
  const notify = store.getState().notify;
  if (bridge.saveFile) {
    try {
      const content = await client.exportText(format);
      const saved = await bridge.saveFile({
        suggestedName: exportFileName(format),
        content,
        filters: [{ name: format.toUpperCase(), extensions: [EXTENSIONS[format]] }],
      });
      if (saved) notify(`Exported to ${saved.name}.`);
    } catch (error) {
      notify(`Export failed: ${errorMessage(error)}`, 'error');
    }
    return;
  }
  const link = document.createElement('a');
  link.href = exportUrl(format);
  link.download = exportFileName(format);
  document.body.append(link);
  link.click();
  link.remove();
}
