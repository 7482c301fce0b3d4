// A store closed while it reads its data file back (a stop asked right after a start) stops
// reading there instead of reading on to the end, and saves no index snapshot of the part it
// read: the next start reads the whole file back.
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleRequest } from '../../../test-support/capture/sample-dtos';
import { useStoreDirs } from '../../../test-support/capture/store-dirs';
import { SNAPSHOT_FILE_NAME } from './index-snapshot';
import type { ParamsOf } from './stored-record';

const paramsOf: ParamsOf = (hit) => Object.fromEntries(new URLSearchParams(hit.rawQuery));
const stores = useStoreDirs('hitscope-read-back-stop-', paramsOf);
/** Bulks of this many hits: enough lines for a read-back of many chunks. */
const BULKS = 40;
const HITS_PER_BULK = 500;

describe('closing during the read-back', () => {
  it('stops reading, saves no snapshot of the part read, and the next start reads it all', async () => {
    const first = await stores.open();
    await first.load();
    for (let n = 0; n < BULKS; n++) {
      const { request, hits } = sampleRequest({ hits: HITS_PER_BULK });
      await first.add(request, hits);
    }
    await first.close();
    const snapshot = join(stores.dir(), SNAPSHOT_FILE_NAME);
    rmSync(snapshot);
    const total = BULKS * HITS_PER_BULK;

    const cut = await stores.open();
    const loading = cut.load();
    // Closed once the read-back has read something, well before its end.
    while ((cut.summary().readBack?.bytesRead ?? 0) === 0) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    await cut.close();
    const report = await loading;
    expect(report.hits).toBeGreaterThan(0);
    expect(report.hits).toBeLessThan(total);
    expect(existsSync(snapshot)).toBe(false);

    const next = await stores.open();
    expect((await next.load()).hits).toBe(total);
  });
});
