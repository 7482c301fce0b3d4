// A large body is read into the memory of one answered before (arriving-body.ts): fresh
// memory costs a page fault per 4 KB as it is first written. The memory is reused only once
// given back, and the tracking handler gives it back only when its request is answered.
import { afterEach, describe, expect, it } from 'vitest';
import { analyzeRequest } from '../../../shared/matomo';
import type { HitStore, ServerLogger } from '../contracts';
import { ArrivingBody, reuseBodyMemory } from './arriving-body';
import { serveTracking, type ServedTracking } from '../../../test-support/capture/serve-tracking';

const ONE_MB = 1024 * 1024;
const LARGE = 2 * ONE_MB;

/** A body of `bytes` announced by its length, arrived in two pieces of `fill`. */
function bodyOf(bytes: number, fill = 0x61): Buffer {
  const body = new ArrivingBody(bytes);
  body.takePiece(Buffer.alloc(bytes / 2, fill));
  body.takePiece(Buffer.alloc(bytes / 2, fill));
  return body.complete() as Buffer;
}

let served: ServedTracking | undefined;
afterEach(() => served?.close());

describe('the memory of large bodies', () => {
  it('reads a large body into the memory of one given back before', () => {
    const first = bodyOf(LARGE);
    reuseBodyMemory(first);
    const second = bodyOf(LARGE / 2, 0x62);
    expect(second.buffer === first.buffer).toBe(true);
    expect(second.every((byte) => byte === 0x62)).toBe(true);
  });

  it('never reads into the memory of a body not given back', () => {
    const first = bodyOf(LARGE);
    const second = bodyOf(LARGE, 0x62);
    expect(second.buffer === first.buffer).toBe(false);
    expect(first.every((byte) => byte === 0x61)).toBe(true);
  });

  it('takes back the memory of an upload that failed', () => {
    const failed = new ArrivingBody(LARGE);
    failed.takePiece(Buffer.alloc(1000, 0x61));
    const memory = (failed as unknown as { whole: Buffer }).whole.buffer;
    const kept = failed.first(8);
    failed.discard();
    expect(kept.toString()).toBe('aaaaaaaa');
    expect(bodyOf(LARGE).buffer === memory).toBe(true);
  });

  it('is given back by the tracking handler once the bulk is stored and answered', async () => {
    const bulk = JSON.stringify({
      requests: Array.from({ length: 4000 }, (_, i) => `?idsite=1&rec=1&r=${i}&${'x'.repeat(300)}`),
    });
    let bodyRead: Uint8Array | null = null;
    let reusedWhileStoring: boolean | null = null;
    const store = {
      loading: () => null,
      seenOrders: () => new Set<string>(),
      add: async () => {
        // Another body read meanwhile gets memory of its own.
        reusedWhileStoring = bodyOf(ONE_MB).buffer === bodyRead?.buffer;
      },
    } as unknown as HitStore;
    const logger = {
      log: () => undefined,
      enabled: () => false,
    } as unknown as ServerLogger;
    served = await serveTracking({
      store,
      logger,
      analyze: (raw, now) => {
        bodyRead = raw.body;
        return analyzeRequest(raw, { now, sites: [], seenOrders: new Set() });
      },
    });
    const answer = await fetch(`${served.base}/matomo.php`, {
      method: 'POST',
      body: bulk,
    });
    await answer.arrayBuffer();
    expect(answer.status).toBe(200);
    expect(bodyRead!.length).toBe(bulk.length);
    expect(reusedWhileStoring).toBe(false);
    // Compared as a yes or no: a failing comparison of megabytes would print them all.
    expect(bodyOf(ONE_MB).buffer === bodyRead!.buffer).toBe(true);
  });
});
