// The issues of a request itself (not of one of its hits) are capped as a hit's are
// (docs/tracking-protocol.md#issue-cap): a bulk body of a few megabytes may hold 100,000
// items Matomo drops, each a finding of the request.
import { describe, expect, it } from 'vitest';
import { analyzeRequest } from './analyze';
import { ISSUES_LISTED_PER_CODE, issueTotal } from './issue-cap';
import { parseRequest } from './parse';
import type { RawRequest } from './types';

const post = (body: string, contentType: string): RawRequest => ({
  method: 'POST',
  path: '/matomo.php',
  query: '',
  headers: { 'content-type': contentType },
  body: new TextEncoder().encode(body),
  remoteAddress: '127.0.0.1',
});

const DROPPED = 20_000;

describe('request issues of one code', () => {
  it('list the first of a bulk of dropped items, and one closing issue counting the rest', () => {
    const items = [
      '?idsite=1&rec=1&action_name=Kept',
      ...Array.from({ length: DROPPED }, () => 'x'),
    ];
    const parsed = parseRequest(post(JSON.stringify({ requests: items }), 'application/json'));
    const dropped = parsed.issues.filter((issue) => issue.code === 'bulk.entry_dropped');
    expect(dropped).toHaveLength(ISSUES_LISTED_PER_CODE + 1);
    expect(dropped.at(-1)).toMatchObject({
      severity: 'warning',
      param: 'requests',
      more: DROPPED - ISSUES_LISTED_PER_CODE,
    });
    expect(dropped.at(-1)?.message).toBe(
      '… and 19,900 more like these in requests, not listed: a request lists its first 100 issues of each code one by one.',
    );
    expect(issueTotal(parsed.issues)).toBe(DROPPED);
    // What Matomo does with them is decided from every item, not from the issues.
    expect(parsed.bulk?.dropped).toHaveLength(DROPPED);
    expect(parsed.entries).toHaveLength(1);
  });

  it('are capped on an empty request that says why nothing arrived', () => {
    const body = '[]=1&'.repeat(3_000);
    const analysis = analyzeRequest(post(body, 'application/x-www-form-urlencoded'), {
      now: Date.parse('2026-01-01T00:00:00Z'),
      sites: [],
    });
    const { issues, entries } = analysis.parsed;
    expect(analysis.hits).toEqual([]);
    const mangled = issues.filter((issue) => issue.code === 'param.name_mangled');
    expect(mangled).toHaveLength(ISSUES_LISTED_PER_CODE + 1);
    // request.empty, and every finding of the entry no hit carries.
    expect(issueTotal(issues)).toBe(1 + (entries[0]?.issues.length ?? 0));
    expect(entries[0]?.issues.length).toBeGreaterThan(ISSUES_LISTED_PER_CODE * 2);
  });
});
