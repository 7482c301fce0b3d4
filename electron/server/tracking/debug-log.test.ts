import { describe, expect, it } from 'vitest';
import { SAMPLE_DEVICE } from '../../../test-support/capture/sample-dtos';
import type { RawRequest, RequestAnalysis } from '../../../shared/matomo/types';
import { analyzeRequest } from '../../../shared/matomo';
import { renderDebugLog } from './debug-log';

const raw: RawRequest = {
  method: 'GET',
  path: '/matomo.php',
  query: 'idsite=1&rec=1&h=99&action_name=Home&debug=1&foo=bar',
  headers: { 'user-agent': SAMPLE_DEVICE.userAgent },
  body: new Uint8Array(0),
  remoteAddress: '127.0.0.1',
};

const analysis: RequestAnalysis = {
  parsed: {
    transport: 'get',
    method: 'GET',
    path: '/matomo.php',
    bulk: null,
    entries: [],
    issues: [],
    empty: false,
    debugRequested: true,
  },
  hits: [
    {
      index: 0,
      params: { idsite: '1', rec: '1', h: '99', action_name: 'Home', debug: '1', foo: 'bar' },
      occurrences: [
        { name: 'idsite', value: '1', raw: 'idsite=1', source: 'query' },
        { name: 'rec', value: '1', raw: 'rec=1', source: 'query' },
        { name: 'h', value: '99', raw: 'h=99', source: 'query' },
        { name: 'action_name', value: 'Home', raw: 'action_name=Home', source: 'query' },
        { name: 'foo', value: 'bar', raw: 'foo=bar', source: 'query' },
      ],
      rawQuery: raw.query,
      decoded: {
        idsite: { name: 'idsite', raw: '1', value: 1, display: '1', catalogueKey: 'idsite' },
        rec: { name: 'rec', raw: '1', value: 1, display: '1 (record)', catalogueKey: 'rec' },
        h: { name: 'h', raw: '99', value: undefined, display: '', catalogueKey: 'h' },
        action_name: {
          name: 'action_name',
          raw: 'Home',
          value: 'Home',
          display: 'Home',
          catalogueKey: 'action_name',
        },
      },
      type: 'pageview',
      outcome: 'recorded',
      issues: [
        {
          code: 'value.out_of_range',
          severity: 'warning',
          param: 'h',
          message: 'h=99 is not an hour (0–23); Matomo uses 00.',
          hint: 'Send the visitor local hour.',
        },
      ],
      device: SAMPLE_DEVICE,
      summary: 'Home',
    },
  ],
  response: {
    status: 200,
    contentType: 'image/gif',
    bodyKind: 'gif',
    headers: { 'cache-control': 'no-store' },
  },
};

describe('debug log', () => {
  const text = renderDebugLog({
    raw,
    analysis,
    trigger: 'debug-param',
    gifBytes: 43,
    receivedAt: new Date('2026-01-01T00:00:00Z'),
  });

  it('tells what arrived and why the log is the answer', () => {
    expect(text).toContain('Shown because the request carries debug=1');
    expect(text).toContain(`GET /matomo.php?${raw.query}`);
    expect(text).toContain('from 127.0.0.1');
    expect(text).toContain(`User-Agent: ${SAMPLE_DEVICE.userAgent}`);
  });

  it('lists every parameter as received and as Matomo reads it', () => {
    expect(text).toMatch(/idsite\s+= 1 {2}→ 1\n/);
    expect(text).toMatch(/rec\s+= 1 {2}→ 1 \(record\)\n/);
    expect(text).toMatch(/h\s+= 99 {2}→ ignored by Matomo\n/);
    expect(text).toMatch(/foo\s+= bar {2}→ not a Matomo parameter\n/);
  });

  it('gives the hit type, device, outcome, every issue with its fix, and the answer', () => {
    expect(text).toContain('Hit type: pageview — Home');
    expect(text).toContain('Device: Chrome 126.0 on GNU/Linux (desktop)');
    expect(text).toContain('Outcome: recorded — Matomo would store this hit');
    expect(text).toContain('[warning] value.out_of_range (h): h=99 is not an hour');
    expect(text).toContain('fix: Send the visitor local hour.');
    expect(text).toContain('Outcome: 1 hit(s): 1 recorded, 0 excluded, 0 rejected');
    expect(text).toContain('HTTP 200, Content-Type: image/gif');
    expect(text).toContain('Body: the 43-byte transparent GIF');
    expect(text).toContain('cache-control: no-store');
  });

  it('says when every request gets the log', () => {
    const always = renderDebugLog({
      raw,
      analysis,
      trigger: 'always',
      gifBytes: 43,
      receivedAt: new Date(),
    });
    expect(always).toContain('--debug always');
    // Not blamed on the command line alone: the mode may have been set in Settings.
    expect(always).toContain('set in Settings');
  });

  it('does not promise a 400 for a rejected bulk entry: the bulk answers for all', () => {
    const body = JSON.stringify({
      requests: ['?idsite=1&rec=1&action_name=A', '?rec=1&action_name=B'],
    });
    const bulk: RawRequest = {
      method: 'POST',
      path: '/matomo.php',
      query: '',
      headers: { 'content-type': 'application/json' },
      body: new TextEncoder().encode(body),
      remoteAddress: '127.0.0.1',
    };
    const analyzed = analyzeRequest(bulk, { now: Date.now(), sites: [] });
    const text = renderDebugLog({
      raw: bulk,
      analysis: analyzed,
      trigger: 'always',
      gifBytes: 43,
      receivedAt: new Date(0),
    });
    expect(analyzed.hits.map((hit) => hit.outcome)).toEqual(['recorded', 'rejected']);
    expect(text).toContain('Outcome: rejected — Matomo would store nothing of this entry');
    expect(text).not.toContain('HTTP 400');
  });

  it('names the rule that decided, with the Matomo file it comes from', () => {
    const spam: RawRequest = {
      method: 'GET',
      path: '/matomo.php',
      query: 'idsite=1&rec=1&urlref=https%3A%2F%2Fsemalt.com%2F',
      headers: {},
      body: new Uint8Array(0),
      remoteAddress: '127.0.0.1',
    };
    const analyzed = analyzeRequest(spam, { now: Date.now(), sites: [] });
    const log = renderDebugLog({
      raw: spam,
      analysis: analyzed,
      trigger: 'always',
      gifBytes: 43,
      receivedAt: new Date(0),
    });
    expect(log).toContain(
      'Decided by: referrer.spam on urlref (Matomo core/Tracker/Visit/ReferrerSpamFilter.php 34–48)',
    );
    expect(text).toContain('Decided by: no rule stops this hit');
  });
});
