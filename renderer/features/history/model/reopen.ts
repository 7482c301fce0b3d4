// Reopening a request of the history: a single request goes back to the composer with its
// parameters, method, path, headers and target; a bulk goes back to the bulk builder.
import type { HistoryEntryDto } from '../../../../shared/api/types';
import { templateForParams } from '../../../../shared/matomo/templates';
import { readBulkBody } from '../../../requests/raw-input';
import { draftFromPairs, type ComposerDraft } from '../../../requests/draft';
import { decodeQuery } from '../../../requests/query-codec';

export function draftFromHistory(entry: HistoryEntryDto): ComposerDraft {
  const { request } = entry;
  const pairs = [
    ...decodeQuery(request.body ?? '').pairs,
    ...decodeQuery((request.query ?? '').replace(/^\?/, '')).pairs,
  ];
  const headers = Object.fromEntries(
    Object.entries(request.headers ?? {}).filter(([name]) => name.toLowerCase() !== 'content-type'),
  );
  return draftFromPairs(pairs, {
    template: templateForParams(Object.fromEntries(pairs.map((p) => [p.name, p.value]))),
    method: request.method,
    path: request.path || '/matomo.php',
    headers,
  });
}

export interface BulkReopen {
  entries: string[];
  tokenAuth: string;
  sendImage: 'omit' | '0' | '1';
  target: string;
  path: string;
}

export function bulkFromHistory(entry: HistoryEntryDto): BulkReopen | null {
  const body = readBulkBody(entry.request.body ?? '');
  if (!body) return null;
  let sendImage: BulkReopen['sendImage'] = 'omit';
  try {
    const raw = (JSON.parse(entry.request.body ?? '{}') as { send_image?: unknown }).send_image;
    if (raw !== undefined) sendImage = String(raw) === '0' ? '0' : '1';
  } catch {
    // readBulkBody already read it, so this does not happen; the default stays.
  }
  return {
    entries: body.items.map((item) => (typeof item === 'string' ? item : JSON.stringify(item))),
    tokenAuth: body.tokenAuth ?? '',
    sendImage,
    target: entry.request.target,
    path: entry.request.path || '/matomo.php',
  };
}
