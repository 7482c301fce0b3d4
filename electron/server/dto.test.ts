import { describe, expect, it } from 'vitest';
import { analyzeRequest } from '../../shared/matomo/analyze';
import type { RawRequest } from '../../shared/matomo/types';
import { idsiteOf, responseRecord, toDtos, toDtosInSlices } from './dto';
import { countLoopTurns } from '../../test-support/capture/loop-turns';

describe('idsiteOf (the site tables and filters show)', () => {
  it('reads idsite as validation does: 1.0, " 1" and 1e0 are site 1', () => {
    for (const idsite of ['1', '1.0', ' 1', '1 ', '1e0']) expect(idsiteOf({ idsite })).toBe(1);
    expect(idsiteOf({ idsite: 3 })).toBe(3);
  });

  it('is null when Matomo would not read an integer', () => {
    for (const idsite of ['', 'abc', '1.5', '0x1', '1abc']) expect(idsiteOf({ idsite })).toBeNull();
    expect(idsiteOf({})).toBeNull();
    expect(idsiteOf({ idsite: 1.5 })).toBeNull();
  });
});

describe('toDtosInSlices (the records of a large bulk)', () => {
  it('builds the records toDtos builds, with turns of the event loop in between', async () => {
    const requests = Array.from({ length: 2_000 }, (_, n) => `?idsite=1&rec=1&action_name=P${n}`);
    const raw: RawRequest = {
      method: 'POST',
      path: '/matomo.php',
      query: '',
      headers: { 'user-agent': 'Mozilla/5.0' },
      body: new TextEncoder().encode(JSON.stringify({ requests })),
    };
    const analysis = analyzeRequest(raw, { now: Date.now(), sites: [] });
    const meta = {
      id: 'r1',
      receivedAt: new Date(),
      response: responseRecord(analysis.response, 1),
    };
    const turns = countLoopTurns();
    const sliced = await toDtosInSlices(
      raw,
      analysis,
      meta,
      () => new Promise((resolve) => setImmediate(resolve)),
    );
    turns.stop();
    expect(sliced).toStrictEqual(toDtos(raw, analysis, meta));
    expect(sliced.hits).toHaveLength(2_000);
    expect(turns.count()).toBeGreaterThan(3);
  });
});
