// Own process: bytes allocated depend on what else the process compiled and keeps.
// Writing an export's hit lines leaves little for the collector: an export of 300,000 hits
// made each line a text of its JSON, then bytes, and the collector's pauses over those 30 KB
// a hit held the server for over 50 ms. Counted in bytes allocated on the heap per hit, which
// the machine's load does not move.
import { describe, expect, it } from 'vitest';
import { heapAllocatedBy } from '../../../test-support/heap-allocated';
import type { HitDto } from '../../../shared/api/types';
import { sampleRequest } from '../../../test-support/capture/sample-dtos';
import { ByteChunks } from './byte-chunks';
import { writeHitLine } from './export-ndjson';

/** A page view as exported: some 8 KB of JSON, a non-ASCII letter in it. */
function pageViewHit(): HitDto {
  const [hit] = sampleRequest({
    params: {
      action_name: 'Shop – checkout',
      url: 'https://shop.example/checkout?utm_source=newsletter&n=4',
      urlref: 'https://www.google.com/',
      uadata: JSON.stringify({ brands: [{ brand: 'Chromium', version: '126' }], mobile: false }),
      ...Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`dimension${i}`, `v${i}`])),
    },
  }).hits;
  const decoded = Object.fromEntries(
    Object.entries(hit!.params).map(([name, raw]) => [
      name,
      { name, raw, value: raw, display: `${name}: ${String(raw)}`, catalogueKey: name },
    ]),
  );
  return { ...hit!, decoded: { ...decoded, ...hit!.decoded } };
}

describe('an NDJSON export line', () => {
  it('allocates far less than its JSON text per hit', async () => {
    const hit = pageViewHit();
    const jsonBytes = Buffer.byteLength(JSON.stringify(hit));
    expect(jsonBytes).toBeGreaterThan(3_000);
    const hits = 2_000;
    const out = new ByteChunks();
    let written = 0;
    const allocated = await heapAllocatedBy(() => {
      for (let i = 0; i < hits; i++) {
        writeHitLine(out, hit);
        for (const chunk of out.take()) written += chunk.length;
      }
    });
    for (const chunk of out.rest()) written += chunk.length;
    expect(written).toBe(hits * (jsonBytes + 1));
    // The text of a hit's JSON alone is 2 bytes a character here (one non-Latin-1 letter).
    expect(allocated / hits).toBeLessThan(jsonBytes / 4);
  });
});
