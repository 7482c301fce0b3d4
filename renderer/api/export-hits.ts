// Export of the captured hits: through the desktop's native save dialog when the bridge
// offers `saveFile`, else as a browser download of `/api/export`. "Shown hits" exports pass
// the table's quick filters and search text as API filters (the search as `query=`, which
// the server compiles with the same code as the table), so the file holds the table's rows.
import { exportFileName, type ExportFormat } from '../../shared/api/routes';
import type { HitFilterDto } from '../../shared/api/types';
import type { AppStore } from '../store/app-store';
import { failedOnly, type QuickFilters } from '../store/filter-slice';
import type { ApiClient } from './client';
import { exportUrl } from './client';
import { desktopBridge } from './desktop';
import { errorMessage } from '../lib/error-message';

/**
 * The API filter selecting the hits the table shows under `quick` and the search `query`
 * (see quickFilterPredicate): null when the table shows no hits at all (the failed chip
 * alone lists failed requests, which are no hits), `{}` when nothing narrows it.
 */
export function shownHitsFilter(quick: QuickFilters, query: string): HitFilterDto | null {
  if (failedOnly(quick)) return null;
  const filter: HitFilterDto = {};
  if (quick.outcomes.length > 0) filter.outcome = [...quick.outcomes];
  if (quick.type) filter.type = quick.type;
  if (quick.idsite !== null) filter.idsite = quick.idsite;
  if (quick.issuesOnly) filter.hasIssues = true;
  if (quick.run) filter.run = quick.run;
  if (query.trim() !== '') filter.query = query.trim();
  return filter;
}

export async function exportHits(
  client: ApiClient,
  store: AppStore,
  format: ExportFormat,
  filter: HitFilterDto = {},
): Promise<void> {
  const bridge = desktopBridge();
  const notify = store.getState().notify;
  if (bridge.saveFile) {
    try {
      const content = await client.exportText(format, filter);
      const saved = await bridge.saveFile({
        suggestedName: exportFileName(format),
        content,
        filters: [{ name: format.toUpperCase(), extensions: [format] }],
      });
      if (saved) notify(`Exported to ${saved.name}.`);
    } catch (error) {
      notify(`Export failed: ${errorMessage(error)}`, 'error');
    }
    return;
  }
  const link = document.createElement('a');
  link.href = exportUrl(format, filter);
  link.download = exportFileName(format);
  document.body.append(link);
  link.click();
  link.remove();
}
