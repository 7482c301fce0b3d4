// A bulk's line read in part keeps a hit of megabytes whole (parsed over turns, as any stored
// hit of that size) beside a broken piece, and reads it back through the kept pieces alone.
import { describe, expect, it } from 'vitest';
import { sampleRequest } from '../../../test-support/capture/sample-dtos';
import { compactHit, storedRequestOf } from './compact';
import { decodeLineSalvaging, lazyLine, lazyLineInTurns } from './decode-line';
import { encodeLineInSlices } from './encode-line';
import { ValuePools } from './string-pool';

/** Hit 1 holds a value of 3 MB (a line piece of its own, its long string decoded apart). */
const LONG = `${'é'.repeat(1024 * 1024)}${'x'.repeat(1024 * 1024)}`;
const sent = sampleRequest({ hits: 4 });
sent.hits[1]!.rawQuery = `x=${LONG}`;
const pools = new ValuePools();
const request = storedRequestOf(sent.request, pools);
const id = request.id;
const hits = sent.hits.map((hit, i) => compactHit(hit, request, i + 1, pools, () => hit.params));

async function lineWithBrokenHit(broken: number): Promise<Buffer> {
  const bytes = Buffer.concat(
    await encodeLineInSlices(
      request,
      hits.length,
      (i) => hits[i]!,
      async () => {},
    ),
  );
  const pieces = bytes
    .subarray(0, bytes.length - 1)
    .toString('utf8')
    .split('\t');
  pieces[broken + 1] = '{"userAgent":"UA",,';
  return Buffer.from(pieces.join('\t'));
}

describe('a line read in part', () => {
  it('keeps a hit of megabytes beside a broken piece, and finds each kept hit by its id', async () => {
    const bytes = await lineWithBrokenHit(2);
    let pauses = 0;
    const { line, salvage } = await decodeLineSalvaging(bytes, async () => {
      pauses++;
    });
    expect(salvage).toMatchObject({ stated: 4, pieces: [0, 1, 3], hits: [0, 1, 3], lost: [2] });
    expect(salvage?.broken.map((piece) => [piece.piece, piece.bytes.toString()])).toEqual([
      [2, '{"userAgent":"UA",,'],
    ]);
    expect(line.hits.map((hit) => hit.id)).toEqual([`${id}.0`, `${id}.1`, `${id}.3`]);
    expect(line.hits[1]?.rawQuery).toBe(`x=${LONG}`);
    // The long string was decoded in turns of its own.
    expect(pauses).toBeGreaterThan(6);

    const read = lazyLine(bytes, undefined, salvage!);
    expect(read.hitCount).toBe(3);
    expect(read.indexOf(`${id}.3`)).toBe(2);
    expect(read.indexOf(`${id}.2`)).toBe(-1);
    expect(read.hit(2).id).toBe(`${id}.3`);
    const inTurns = await lazyLineInTurns(bytes, async () => {}, salvage!);
    expect((await inTurns.hitInTurns(1, async () => {})).rawQuery).toBe(`x=${LONG}`);
  });

  it('throws what the whole read threw when not even the request can be read', async () => {
    const bytes = await lineWithBrokenHit(0);
    const broken = Buffer.from(bytes.toString('utf8').replace(`"id":"${id}"`, `"id":${id}`));
    await expect(decodeLineSalvaging(broken, async () => {})).rejects.toThrow(/JSON/);
  });
});
