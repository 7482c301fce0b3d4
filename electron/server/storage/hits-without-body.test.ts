// Describing hits past the in-memory window (a visit's timeline) reads their bulk's line for
// the hits alone: the bulk's body, megabytes of escaped JSON in the request head, is left
// undecoded, and the request read that way says its body stays on disk.
import { describe, expect, it } from 'vitest';
import { lazyLine, lazyLineInTurns, WHOLE_HIT_BYTES } from './decode-line';
import { encodeLineInSlices } from './encode-line';
import { CompactHit, type StoredRequest } from './stored-record';

const entries = Array.from({ length: 30_000 }, (_, n) => `?idsite=1&rec=1&action_name=é${n}`);
const bulk: StoredRequest = {
  id: 'r1',
  receivedAt: '2026-01-01T00:00:00.000Z',
  method: 'POST',
  path: '/matomo.php',
  query: '',
  headers: {},
  remoteAddress: '127.0.0.1',
  body: JSON.stringify({ requests: entries }),
  bodyEncoding: 'utf8',
  bodySize: 0,
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
  hitCount: 3,
};

const hits = [0, 1, 2].map(
  (i) =>
    new CompactHit(
      {
        id: `r1.${i}`,
        index: i,
        type: 'pageview',
        outcome: 'recorded',
        summary: `P${i}`,
        idsite: 1,
      },
      { userAgent: 'UA', rawQuery: entries[i]!, issues: [] },
      bulk,
      i + 1,
      () => ({}),
    ),
);

async function lineBytes(request: StoredRequest): Promise<Buffer> {
  const pieces = await encodeLineInSlices(
    request,
    hits.length,
    (i) => hits[i]!,
    async () => {},
  );
  // As the data file's reader gives a line: without its newline.
  return Buffer.concat(pieces).subarray(0, -1);
}

describe("a bulk's line read for its hits", () => {
  it('leaves the body undecoded and reads the same hits', async () => {
    const bytes = await lineBytes(bulk);
    expect(bytes.indexOf('\t')).toBeGreaterThan(WHOLE_HIT_BYTES);
    const line = await lazyLineInTurns(bytes, async () => {}, undefined, true);
    const whole = lazyLine(bytes);
    expect(line.bodyLeftOut).toBe(true);
    expect(line.request).toEqual({ ...whole.request, body: '' });
    expect([0, 1, 2].map((i) => line.hit(i))).toEqual([0, 1, 2].map((i) => whole.hit(i)));
    // Read for the request, the body is there.
    const full = await lazyLineInTurns(bytes, async () => {});
    expect(full.bodyLeftOut).toBeUndefined();
    expect(full.request.body).toBe(bulk.body);
  });

  it('keeps the body of a request that is not a bulk', async () => {
    const single = { ...bulk, transport: 'post' as const };
    const line = await lazyLineInTurns(await lineBytes(single), async () => {}, undefined, true);
    expect(line.bodyLeftOut).toBeUndefined();
    expect(line.request.body).toBe(bulk.body);
  });
});
