// A bulk stopped by one entry (docs/tracking-protocol.md#bulk-isolation, #bulk-response): what happens to every entry and the answer,
// through the whole pipeline, plus the positive and negative cases of each bulk.* code.
import { describe, expect, it } from 'vitest';
import { analyzeRequest } from './analyze';
import { applyBulkAbort, bulkAbortPosition } from './bulk-abort';
import type { AnalyzedHit, RawRequest } from './types';
import { outcomeOf } from './validate';

const NOW = Date.UTC(2024, 9, 24, 12, 0, 0);

function bulk(body: unknown, options: { debug?: boolean } = {}) {
  const request: RawRequest = {
    method: 'POST',
    path: '/matomo.php',
    query: '',
    headers: { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Firefox/130.0' },
    body: new TextEncoder().encode(JSON.stringify(body)),
  };
  return analyzeRequest(request, { now: NOW, sites: [] }, options);
}

const page = (title: string, extra = '') =>
  `?idsite=1&rec=1&url=http%3A%2F%2Fexample.org%2F&action_name=${title}${extra}`;
/** ca=1 on a plain page view: no plugin claims it, Matomo throws a generic exception (docs/tracking-protocol.md#action-parameters). */
const UNCLAIMED = page('Broken', '&ca=1');
const codes = (hit: AnalyzedHit | undefined) => (hit?.issues ?? []).map((issue) => issue.code);
const bulkCodes = (hit: AnalyzedHit | undefined) =>
  codes(hit).filter((code) => code.startsWith('bulk.'));

describe('a bulk of three with an unclaimed ca=1 in the middle', () => {
  const analysis = bulk({ requests: [page('First'), UNCLAIMED, page('Third')] });
  const [first, broken, third] = analysis.hits;

  it('answers 500 with the error JSON: one tracked before the failure, nothing invalid', () => {
    expect(analysis.response).toEqual({
      status: 500,
      contentType: 'application/json',
      bodyKind: 'bulk-json',
      body: '{"status":"error","tracked":1,"invalid":0,"invalid_indices":[]}',
      headers: { 'access-control-allow-origin': '*', 'access-control-allow-credentials': 'true' },
    });
  });

  it('still shows every entry, none of them stored', () => {
    expect(analysis.hits.map((hit) => [hit.index, hit.type, hit.outcome])).toEqual([
      [0, 'pageview', 'rejected'],
      [1, 'unknown', 'rejected'],
      [2, 'pageview', 'rejected'],
    ]);
    // The outcome model stays derivable from the issues.
    for (const hit of analysis.hits) expect(outcomeOf(hit.issues)).toBe(hit.outcome);
  });

  it('bulk.rolled_back: the entry before is a warning naming the entry that aborted', () => {
    expect(codes(first)).toEqual(['bulk.rolled_back']);
    expect(first?.issues[0]).toMatchObject({ severity: 'warning' });
    expect(first?.issues[0]?.message).toContain('Entry #1');
  });

  it('bulk.aborted: the entry that aborts keeps its cause and says what it costs', () => {
    expect(codes(broken)).toEqual(['ca.unclaimed', 'bulk.aborted']);
    const aborted = broken?.issues[1];
    expect(aborted?.severity).toBe('error');
    expect(aborted?.message).toBe(
      'Entry #1 stops the whole bulk with a server error (500): nothing of the bulk is stored, ' +
        '1 entry before it is rolled back, 1 entry after it is never processed.',
    );
  });

  it('bulk.not_processed: the entry after is an error naming the entry that aborted', () => {
    expect(codes(third)).toEqual(['bulk.not_processed']);
    expect(third?.issues[0]).toMatchObject({ severity: 'error' });
    expect(third?.issues[0]?.message).toContain('Entry #1');
  });

  it('keeps the error JSON with send_image=0: the 204 is for success answers only', () => {
    const quiet = bulk({ requests: [page('First'), UNCLAIMED], send_image: 0 });
    expect(quiet.response).toMatchObject({ status: 500, bodyKind: 'bulk-json' });
    expect(quiet.response.body).toBe(
      '{"status":"error","tracked":1,"invalid":0,"invalid_indices":[]}',
    );
  });

  it('adds a message in debug mode, with codes only, never request values', () => {
    const debug = bulk({ requests: [page('Secret'), UNCLAIMED] }, { debug: true });
    const answer = JSON.parse(debug.response.body ?? '') as Record<string, unknown>;
    expect(Object.keys(answer)).toEqual([
      'status',
      'tracked',
      'invalid',
      'invalid_indices',
      'message',
    ]);
    expect(answer.message).toContain('ca.unclaimed');
    expect(answer.message).toContain('#1');
    expect(answer.message).not.toContain('Secret');
  });
});

describe('entries met before the abort', () => {
  // Empty item (excluded), invalid site, recorded page, then the failure at index 3.
  const analysis = bulk({
    requests: [null, page('Bad', '&idsite=-1'), page('Kept'), UNCLAIMED, page('Late')],
  });
  const [empty, invalid, kept, broken, late] = analysis.hits;

  it('excluded and invalid entries keep their own outcome and reason, no bulk code', () => {
    expect([empty?.outcome, bulkCodes(empty)]).toEqual(['excluded', []]);
    expect(codes(empty)).toContain('request.empty');
    expect([invalid?.outcome, bulkCodes(invalid)]).toEqual(['rejected', []]);
    expect(codes(invalid)[0]).toBe('idsite.invalid');
    expect([kept?.outcome, bulkCodes(kept)]).toEqual(['rejected', ['bulk.rolled_back']]);
    expect(bulkCodes(broken)).toEqual(['bulk.aborted']);
    expect(bulkCodes(late)).toEqual(['bulk.not_processed']);
  });

  it('counts excluded and rolled-back entries as tracked; the error answer lists no invalid', () => {
    expect(analysis.response.status).toBe(500);
    expect(analysis.response.body).toBe(
      '{"status":"error","tracked":2,"invalid":0,"invalid_indices":[]}',
    );
  });
});

describe('where the abort starts', () => {
  it('an aborting first entry leaves nothing to roll back and stops all the others', () => {
    const analysis = bulk({ requests: [UNCLAIMED, page('A'), page('B')] });
    expect(analysis.hits.map((hit) => bulkCodes(hit))).toEqual([
      ['bulk.aborted'],
      ['bulk.not_processed'],
      ['bulk.not_processed'],
    ]);
    expect(analysis.hits[0]?.issues[1]?.message).toBe(
      'Entry #0 stops the whole bulk with a server error (500): nothing of the bulk is stored, ' +
        '2 entries after it are never processed.',
    );
    expect(JSON.parse(analysis.response.body ?? '')).toMatchObject({ status: 'error', tracked: 0 });
  });

  it('only the first aborting entry aborts; a later one is not processed but keeps its cause', () => {
    const analysis = bulk({ requests: [page('A'), UNCLAIMED, UNCLAIMED] });
    expect(codes(analysis.hits[2])).toEqual(['bulk.not_processed', 'ca.unclaimed']);
    expect(analysis.hits[2]?.issues[0]?.message).toContain('Entry #1');
  });

  it("names Matomo's index, counted after dropped items, not the array position", () => {
    const analysis = bulk({ requests: ['idsite=1&rec=1', page('A'), UNCLAIMED, page('B')] });
    expect(analysis.hits.map((hit) => hit.index)).toEqual([0, 1, 2]);
    expect(analysis.hits[0]?.issues[0]?.message).toContain('Entry #1,');
  });

  it('an order recorded before the abort is rolled back too', () => {
    const order = `?idsite=1&rec=1&url=http%3A%2F%2Fexample.org%2F&idgoal=0&ec_id=A&revenue=10`;
    const analysis = bulk({ requests: [order, UNCLAIMED] });
    expect([analysis.hits[0]?.type, analysis.hits[0]?.outcome]).toEqual([
      'ecommerce_order',
      'rejected',
    ]);
    expect(bulkCodes(analysis.hits[0])).toEqual(['bulk.rolled_back']);
  });
});

describe('bulks that are not aborted', () => {
  it('a bulk without an aborting entry is unchanged: success, no bulk codes', () => {
    const analysis = bulk({ requests: [page('A'), page('B', '&cid=abc'), page('C')] });
    expect(analysis.hits.map((hit) => hit.outcome)).toEqual(['recorded', 'rejected', 'recorded']);
    expect(analysis.hits.flatMap((hit) => bulkCodes(hit))).toEqual([]);
    expect(analysis.response.status).toBe(200);
    expect(analysis.response.body).toBe(
      '{"status":"success","tracked":2,"invalid":1,"invalid_indices":[1]}',
    );
    expect(applyBulkAbort(analysis.hits)).toBe(analysis.hits);
  });

  it('ca=1 refused earlier for a bad site is a per-entry error: the bulk goes on', () => {
    const analysis = bulk({ requests: [page('A', '&ca=1&idsite=-1'), page('B')] });
    expect(codes(analysis.hits[0])[0]).toBe('idsite.invalid');
    expect(bulkAbortPosition(analysis.hits)).toBe(-1);
    expect(analysis.response.body).toBe(
      '{"status":"success","tracked":1,"invalid":1,"invalid_indices":[0]}',
    );
  });

  it('an excluded ca=1 entry never reaches the check that throws (docs/tracking-protocol.md#check-order)', () => {
    const analysis = bulk({ requests: [page('A', '&ca=1').replace('rec=1', 'rec=0'), page('B')] });
    expect(analysis.hits.map((hit) => hit.outcome)).toEqual(['excluded', 'recorded']);
    expect(analysis.response.status).toBe(200);
  });

  it('a single request with an unclaimed ca=1 is only rejected (400), no bulk code', () => {
    const request: RawRequest = {
      method: 'GET',
      path: '/matomo.php',
      query: UNCLAIMED.slice(1),
      headers: {},
      body: new Uint8Array(),
    };
    const analysis = analyzeRequest(request, { now: NOW, sites: [] });
    expect(codes(analysis.hits[0])).toEqual(['ca.unclaimed']);
    expect(analysis.response.status).toBe(400);
  });
});
