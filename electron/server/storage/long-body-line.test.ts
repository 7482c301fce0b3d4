// A bulk's body of megabytes goes into its line a slice of its JSON at a time (encode-line.ts):
// the bytes are those of the whole body's JSON, written into the pieces of a line before it.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { encodeLine, encodeLineInSlices, reuseLinePieces } from './encode-line';
import { CompactHit, type StoredRequest } from './stored-record';
import { storedBulkRequest } from '../../../test-support/capture/stored-bulk-request';

afterEach(() => {
  vi.restoreAllMocks();
});

/** Everything JSON escapes or keeps whole: quotes, a backslash, controls, lone surrogates. */
const ESCAPED = '"\\\n\u0001\ud800x\udc00é–\u{1F600}';

/** Characters of the body the writer takes at a time (encode-line.ts). */
const SLICE_CHARS = 32 * 1024;

/**
 * Two megabytes and more of body, cut by the writer into slices each ending between the two
 * halves of a surrogate pair (apart, each half would be written as an escape).
 */
function longBody(): string {
  const head = '{"requests":["?idsite=1&action_name=';
  // A part is a slice and the pair's second half: the next slice starts where it ends.
  const part = (fill: number) => `${'a'.repeat(fill)}${ESCAPED}\u{1F600}`;
  const fill = SLICE_CHARS + 1 - 2 - ESCAPED.length;
  const parts = [part(fill - head.length)];
  for (let i = 1; i < 64; i++) parts.push(part(fill));
  return `${head}${parts.join('')}"]}`;
}

function hitOf(request: StoredRequest): CompactHit {
  return new CompactHit(
    {
      id: `${request.id}.0`,
      index: 0,
      type: 'pageview',
      outcome: 'recorded',
      summary: 'S',
      idsite: 1,
    },
    { userAgent: 'Mozilla/5.0', rawQuery: 'idsite=1', issues: [] },
    request,
    1,
    () => ({}),
  );
}

async function lineOf(request: StoredRequest): Promise<Buffer[]> {
  const hit = hitOf(request);
  return encodeLineInSlices(
    request,
    1,
    () => hit,
    () => Promise.resolve(),
  );
}

/** The line's text without the tab a sliced line puts before its hit. */
const textOf = (pieces: readonly Buffer[]) =>
  Buffer.concat(pieces).toString('utf8').replace('[\t{', '[{');

describe("a bulk's body of megabytes in its line", () => {
  it('is written as its whole JSON would be, escapes and surrogate pairs included', async () => {
    const request = storedBulkRequest('r1', 1, longBody());
    const text = textOf(await lineOf(request));
    expect(text === encodeLine(request, [hitOf(request)])).toBe(true);
    expect((JSON.parse(text) as { request: StoredRequest }).request.body === request.body).toBe(
      true,
    );
  });

  it('fills the pieces of a line written before, not memory of its own', async () => {
    reuseLinePieces(await lineOf(storedBulkRequest('r1', 1, longBody())));
    const allocate = vi.spyOn(Buffer, 'allocUnsafe');
    const pieces = await lineOf(storedBulkRequest('r2', 1, longBody()));
    expect(allocate.mock.calls.filter(([size]) => size >= 1024 * 1024)).toHaveLength(0);
    reuseLinePieces(pieces);
  });
});
