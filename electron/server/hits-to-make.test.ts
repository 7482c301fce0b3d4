import { describe, expect, it } from 'vitest';
import { analyzeRequest } from '../../shared/matomo/analyze';
import { bulkRawRequest } from '../../test-support/capture/bulk-raw';
import { responseRecord, toDtos } from './dto';
import { recordWithHitsToMake } from './hits-to-make';
import { tagRun } from './tracking/run-tagging';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

function analysed(count: number) {
  const requests = Array.from({ length: count }, (_, n) => `?idsite=1&rec=1&action_name=P${n}`);
  requests[3] = '?idsite=x&rec=1';
  const raw = bulkRawRequest(requests);
  const analysis = analyzeRequest(raw, { now: Date.now(), sites: [] });
  const meta = { id: 'r1', receivedAt: new Date(), response: responseRecord(analysis.response, 1) };
  return { raw, analysis, meta };
}

describe('recordWithHitsToMake (a large bulk without its DTOs kept)', () => {
  it('gives the record toDtos gives, and each hit as toDtos builds it, anew at each call', async () => {
    const { raw, analysis, meta } = analysed(1_200);
    const built = toDtos(raw, analysis, meta);
    const { request, hits } = await recordWithHitsToMake(raw, analysis, meta, undefined, nextTurn);
    expect(request).toEqual(built.request);
    expect(hits.count).toBe(1_200);
    const made = Array.from({ length: hits.count }, (_, i) => hits.hitAt(i));
    expect(JSON.stringify(made)).toBe(JSON.stringify(built.hits));
    expect(made[5]).toEqual(built.hits[5]);
    expect(hits.hitAt(3)).not.toBe(hits.hitAt(3));
    expect(hits.paramsAt(7)).toBe(built.hits[7]!.params);
  });

  it('tags the record and every hit made with the run, as tagRun does', async () => {
    const { raw, analysis, meta } = analysed(1_000);
    const built = toDtos(raw, analysis, meta);
    tagRun('checkout', built.request, built.hits);
    const { request, hits } = await recordWithHitsToMake(raw, analysis, meta, 'checkout', nextTurn);
    expect(request).toEqual(built.request);
    expect(JSON.stringify(hits.hitAt(999))).toBe(JSON.stringify(built.hits[999]));
  });
});
