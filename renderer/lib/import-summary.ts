// One sentence on what an import did, for the toast and the import report.
import type { ImportResultDto } from '../../shared/api/types';
import { plural } from './format';

export function importSummary(result: ImportResultDto, fileName: string): string {
  const unit = result.format === 'har' ? 'entry' : 'line';
  const parts = [
    `Imported ${plural(result.hits, 'hit')} in ${plural(result.requests, 'request')} from ${fileName || 'the file'}.`,
  ];
  if (result.failedRequests > 0) {
    parts.push(
      `${plural(result.failedRequests, 'request')} failed as at the tracking endpoint (shown as failed rows).`,
    );
  }
  if (result.skippedCount > 0) {
    parts.push(
      `${plural(result.skippedCount, unit, unit === 'entry' ? 'entries' : 'lines')} skipped.`,
    );
  }
  return parts.join(' ');
}
