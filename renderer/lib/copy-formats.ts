// What "Copy as URL / curl / bulk entry" puts on the clipboard for one hit, pointed at the
// tracker URL the hit can be replayed to. Tokens are masked unless revealed.
import { buildCurl } from '../../shared/matomo/curl';
import { maybeMaskQuery } from './mask-token';

export interface CopySource {
  rawQuery: string;
  method: string;
  transport: string;
  path: string;
}

/** The tracker endpoint for a hit: the origin of the tracker URL plus the hit's path. */
export function endpointFor(hit: CopySource, trackerUrl: string): string {
  try {
    const base = new URL(trackerUrl);
    return `${base.origin}${hit.path || base.pathname}`;
  } catch {
    return trackerUrl;
  }
}

export function hitAsUrl(hit: CopySource, trackerUrl: string, reveal: boolean): string {
  const query = maybeMaskQuery(hit.rawQuery, reveal);
  return query ? `${endpointFor(hit, trackerUrl)}?${query}` : endpointFor(hit, trackerUrl);
}

/** A GET for GET hits; a form POST for POST and beacon hits; bulk entries as GET. */
export function hitAsCurl(hit: CopySource, trackerUrl: string, reveal: boolean): string {
  const query = maybeMaskQuery(hit.rawQuery, reveal);
  if (hit.transport === 'post' || hit.transport === 'beacon') {
    return buildCurl({
      method: 'POST',
      url: endpointFor(hit, trackerUrl),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=UTF-8' },
      body: query,
    });
  }
  return buildCurl({ method: 'GET', url: hitAsUrl(hit, trackerUrl, reveal) });
}

/** One item of a bulk `requests` array: `"?idsite=1&rec=1…"`. */
export function hitAsBulkEntry(hit: CopySource, reveal: boolean): string {
  return JSON.stringify(`?${maybeMaskQuery(hit.rawQuery, reveal)}`);
}
