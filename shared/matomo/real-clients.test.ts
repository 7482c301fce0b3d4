// Requests captured from unmodified tracking clients (docs/tracking-protocol.md#real-clients): every one must parse
// into the hits the client meant, with the right types, and without any error-severity issue.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeRequest } from './analyze';
import type { HitType, RawRequest, RequestAnalysis } from './types';

interface Capture {
  seq: number;
  ts: string;
  method: string;
  path: string;
  query: string;
  headers: Record<string, string>;
  body: string;
  bodyEncoding?: 'utf8' | 'base64';
  response?: { status: number; contentType: string | null; bulkCount: number | null };
}

function load(name: string): Capture[] {
  const url = new URL(`./__fixtures__/real-clients/${name}`, import.meta.url);
  return readFileSync(url, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Capture);
}

function analyze(capture: Capture): RequestAnalysis {
  const body =
    capture.bodyEncoding === 'base64'
      ? Buffer.from(capture.body, 'base64')
      : Buffer.from(capture.body, 'utf8');
  const raw: RawRequest = {
    method: capture.method,
    path: capture.path,
    query: capture.query,
    headers: capture.headers,
    body: new Uint8Array(body),
  };
  return analyzeRequest(raw, { now: Date.parse(capture.ts), sites: [] });
}

/** What each captured request must become: transport and hit types, in order. */
type Expected = [transport: string, types: HitType[]];

function checkFixture(name: string, expected: Expected[]): void {
  const captures = load(name);
  expect(captures).toHaveLength(expected.length);
  captures.forEach((capture, i) => {
    const [transport, types] = expected[i] as Expected;
    const analysis = analyze(capture);
    const where = `${name} #${capture.seq}`;
    expect(analysis.parsed.transport, where).toBe(transport);
    expect(
      analysis.hits.map((hit) => hit.type),
      where,
    ).toEqual(types);
    expect(
      analysis.hits.map((hit) => hit.index),
      where,
    ).toEqual(types.map((_, index) => index));
    const errors = [...analysis.parsed.issues, ...analysis.hits.flatMap((hit) => hit.issues)]
      .filter((issue) => issue.severity === 'error')
      .map((issue) => `${issue.code}: ${issue.message}`);
    expect(errors, where).toEqual([]);
    expect(
      analysis.hits.every((hit) => hit.outcome === 'recorded'),
      where,
    ).toBe(true);
    // The answer the client got from the recording endpoint, status and type.
    if (capture.response) {
      expect(analysis.response.status, where).toBe(capture.response.status);
      expect(analysis.response.contentType, where).toBe(capture.response.contentType);
      if (capture.response.bulkCount !== null) {
        expect(analysis.hits, where).toHaveLength(capture.response.bulkCount);
        expect(JSON.parse(analysis.response.body ?? '{}'), where).toMatchObject({
          status: 'success',
          tracked: capture.response.bulkCount,
          invalid: 0,
        });
      }
    }
  });
}

/** One XHR POST with a form body carrying one hit. */
const SINGLE = (type: HitType): Expected => ['post', [type]];

// The first user agent parsed compiles the detector's patterns: allow for a busy machine.
describe('real clients', { timeout: 30_000 }, () => {
  it('matomo.js (XHR POST, form body): one hit of each kind', () => {
    checkFixture('matomo-js-post.ndjson', [
      SINGLE('pageview'),
      SINGLE('event'),
      SINGLE('site_search'),
      SINGLE('goal'),
      SINGLE('ecommerce_order'),
      SINGLE('outlink'),
      SINGLE('download'),
      SINGLE('content_impression'),
    ]);
  });

  it('the Node tracker: four GETs, then a bulk of three "?query" strings', () => {
    checkFixture('node-tracker.ndjson', [
      ['get', ['pageview']],
      ['get', ['event']],
      ['get', ['site_search']],
      ['get', ['goal']],
      ['bulk', ['pageview', 'event', 'ecommerce_order']],
    ]);
  });

  it('the PHP tracker: five GETs, then a bulk of three full URLs with a token', () => {
    checkFixture('php-tracker.ndjson', [
      ['get', ['pageview']],
      ['get', ['event']],
      ['get', ['site_search']],
      ['get', ['goal']],
      ['get', ['ecommerce_order']],
      ['bulk', ['pageview', 'event', 'goal']],
    ]);
  });

  it('the PHP bulk carries its token to every entry (cip needs it)', () => {
    const bulk = load('php-tracker.ndjson').find((capture) => capture.method === 'POST');
    const analysis = analyze(bulk as Capture);
    expect(analysis.parsed.bulk?.tokenAuth).toBe('c0ffee00c0ffee00c0ffee00c0ffee00');
    expect(analysis.hits.map((hit) => hit.params['cip'])).toEqual([
      '198.51.100.23',
      '198.51.100.23',
      '198.51.100.23',
    ]);
  });

  it('the matomo.js hits carry the headless Chrome device and no encoding complaint', () => {
    const analysis = analyze(load('matomo-js-post.ndjson')[0] as Capture);
    const hit = analysis.hits[0];
    expect(hit?.device).toMatchObject({ browser: 'Headless Chrome', bot: false });
    expect(hit?.issues.filter((issue) => issue.code.startsWith('encoding.'))).toEqual([]);
    expect(hit?.params['action_name']).toBe('Harness Custom Title');
  });
});
