// The stored record of a bulk request as its data file line holds it, for the tests of lines.
import type { StoredRequest } from '../../electron/server/storage/stored-record';

/** A bulk's request record stating `hitCount` hits, its body the text given. */
export function storedBulkRequest(id: string, hitCount: number, body: string): StoredRequest {
  return {
    id,
    receivedAt: '2026-01-01T00:00:00.000Z',
    method: 'POST',
    path: '/matomo.php',
    query: '',
    headers: { 'user-agent': 'Mozilla/5.0' },
    remoteAddress: '127.0.0.1',
    body,
    bodyEncoding: 'utf8',
    bodySize: body.length,
    bodyTruncated: false,
    transport: 'bulk',
    issues: [],
    response: {
      status: 204,
      headers: {},
      contentType: null,
      body: '',
      bodyKind: 'empty',
      durationMs: 1,
    },
    hitCount,
  };
}
