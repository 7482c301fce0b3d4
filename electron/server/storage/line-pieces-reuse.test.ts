// A long line is encoded into the memory of a long line written before it (encode-line.ts):
// fresh memory costs the system a page fault per page as it is first written.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { encodeLine, encodeLineInSlices, reuseLinePieces } from './encode-line';
import { CompactHit, type StoredRequest } from './stored-record';
import { storedBulkRequest } from '../../../test-support/capture/stored-bulk-request';

afterEach(() => {
  vi.restoreAllMocks();
});

const HITS = 2500;

const requestOf = (id: string) => storedBulkRequest(id, HITS, '{"requests":[]}');

function hitsOf(request: StoredRequest): CompactHit[] {
  return Array.from(
    { length: HITS },
    (_, index) =>
      new CompactHit(
        {
          id: `${request.id}.${index}`,
          index,
          type: 'pageview',
          outcome: 'recorded',
          summary: `Shop – page ${index}`,
          idsite: 1,
        },
        {
          userAgent: 'Mozilla/5.0',
          rawQuery: `idsite=1&rec=1&action_name=${request.id}-${index}&pad=${'x'.repeat(1000)}`,
          issues: [],
        },
        request,
        index + 1,
        () => ({}),
      ),
  );
}

const pause = () => Promise.resolve();

async function lineOf(id: string): Promise<{ pieces: Buffer[]; expected: string }> {
  const request = requestOf(id);
  const hits = hitsOf(request);
  const pieces = await encodeLineInSlices(request, hits.length, (i) => hits[i]!, pause);
  return { pieces, expected: encodeLine(request, hits) };
}

/** Allocations of a megabyte or more, the size of a line's pieces. */
function countLargeAllocations() {
  const allocate = vi.spyOn(Buffer, 'allocUnsafe');
  return () => allocate.mock.calls.filter(([size]) => size >= 1024 * 1024).length;
}

/** The line's text without the tabs a sliced line puts before each hit (JSON escapes a tab in a string). */
const textOf = (pieces: readonly Buffer[]) =>
  Buffer.concat(pieces).toString('utf8').replaceAll('\t', '');

describe('reuseLinePieces', () => {
  it('encodes the next long line into the pieces of one already written', async () => {
    const first = await lineOf('a');
    expect(textOf(first.pieces) === first.expected).toBe(true);
    reuseLinePieces(first.pieces);

    const allocations = countLargeAllocations();
    const second = await lineOf('b');
    expect(allocations()).toBe(0);
    expect(textOf(second.pieces) === second.expected).toBe(true);
  });

  it('hands out the pieces of a line given back twice only once', async () => {
    const first = await lineOf('a');
    reuseLinePieces(first.pieces);
    reuseLinePieces(first.pieces);

    // Both lines alive at once: sharing a piece, the second would overwrite the first.
    const second = await lineOf('b');
    const third = await lineOf('c');
    expect(textOf(second.pieces) === second.expected).toBe(true);
    expect(textOf(third.pieces) === third.expected).toBe(true);
  });
});
