// A hit lists at most ISSUES_LISTED_PER_CODE issues of one code and severity, then one closing
// issue counting the rest; the verdict and every count stay those of all the findings.
import { describe, expect, it } from 'vitest';
import { compileQuery } from '../query/compile-query';
import { issueCounts, toQueryRow } from '../query/query-row';
import { analyzeRequest, analyzeRequestInSlices } from './analyze';
import { capIssueSteps, ISSUES_LISTED_PER_CODE, issueTotal } from './issue-cap';
import { drain } from '../steps';
import type { AnalyzedHit, Issue, RawRequest } from './types';
import { describeVerdict } from './verdict';

const NOW = Date.UTC(2024, 9, 24, 12, 0, 0);
const CTX = { now: NOW, sites: [] };

/** A `_cvar` whose `bad` slots are all out of 1–5: each is one json.shape warning. */
function badSlots(bad: number): string {
  const slots: Record<string, [string, string]> = { 1: ['kept', 'yes'] };
  for (let n = 0; n < bad; n++) slots[String(6 + n)] = [`name${n}`, `value${n}`];
  return JSON.stringify(slots);
}

/** A form POST, as a tracker sends one of megabytes. */
function formPost(fields: Record<string, string>): RawRequest {
  return {
    method: 'POST',
    path: '/matomo.php',
    query: '',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new TextEncoder().encode(new URLSearchParams(fields).toString()),
  };
}

const PAGE_VIEW = { idsite: '1', rec: '1', url: 'https://example.org/', action_name: 'Home' };

function analyzed(fields: Record<string, string>): AnalyzedHit {
  const hit = analyzeRequest(formPost(fields), CTX).hits[0];
  if (!hit) throw new Error('no hit');
  return hit;
}

const shapeIssues = (hit: { issues: Issue[] }) =>
  hit.issues.filter((issue) => issue.code === 'json.shape');

describe('issues of one code per hit', () => {
  it('lists the first ones of 10,000 bad _cvar slots and counts the rest in one closing issue', () => {
    const hit = analyzed({ ...PAGE_VIEW, _cvar: badSlots(10_000) });
    const shape = shapeIssues(hit);
    expect(shape).toHaveLength(ISSUES_LISTED_PER_CODE + 1);
    const listed = shape.slice(0, ISSUES_LISTED_PER_CODE);
    expect(listed.every((issue) => issue.more === undefined)).toBe(true);
    expect(listed[0]?.message).toBe('_cvar slot "6" is not a slot from 1 to 5; Matomo skips it.');
    const closing = shape[ISSUES_LISTED_PER_CODE];
    expect(closing).toMatchObject({
      code: 'json.shape',
      severity: 'warning',
      param: '_cvar',
      more: 10_000 - ISSUES_LISTED_PER_CODE,
    });
    expect(closing?.message).toBe(
      `… and 9,900 more like these in _cvar, not listed: a hit lists its first ${ISSUES_LISTED_PER_CODE} issues of each code one by one.`,
    );
    expect(closing?.hint).toBeTruthy();
    // Every count is of the 10,000 findings.
    expect(hit.outcome).toBe('recorded');
    expect(issueCounts(hit.issues)).toEqual({ errors: 0, warnings: 10_000 });
    expect(issueTotal(hit.issues)).toBe(10_000);
    expect(describeVerdict(hit)).toBe(
      'Matomo would record this page view, with 10,000 values dropped or changed.',
    );
    expect(hit.decoded['_cvar']?.display).toBe('1: kept = yes');
  });

  it('is the same in slices as in one go', async () => {
    const raw = formPost({ ...PAGE_VIEW, _cvar: badSlots(10_000) });
    const inSlices = await analyzeRequestInSlices(raw, CTX, {
      pause: () => new Promise((resolve) => setImmediate(resolve)),
      sliceMs: 0,
    });
    expect(inSlices.hits[0]?.issues).toEqual(analyzeRequest(raw, CTX).hits[0]?.issues);
  });

  it('leaves a hit under the cap as it was', () => {
    const hit = analyzed({ ...PAGE_VIEW, _cvar: badSlots(ISSUES_LISTED_PER_CODE) });
    const shape = shapeIssues(hit);
    expect(shape).toHaveLength(ISSUES_LISTED_PER_CODE);
    expect(shape.every((issue) => issue.more === undefined)).toBe(true);
    expect(shape.at(-1)?.message).toBe(
      `_cvar slot "${5 + ISSUES_LISTED_PER_CODE}" is not a slot from 1 to 5; Matomo skips it.`,
    );
    expect(issueCounts(hit.issues).warnings).toBe(ISSUES_LISTED_PER_CODE);
  });

  it('keeps a rejected hit rejected, its deciding error listed first', () => {
    const { idsite: _, ...noSite } = PAGE_VIEW;
    const hit = analyzed({ ...noSite, _cvar: badSlots(10_000) });
    expect(hit.outcome).toBe('rejected');
    expect(hit.issues[0]?.code).toBe('idsite.missing');
    expect(describeVerdict(hit)).toBe(
      'Matomo would reject this page view (400): idsite is missing.',
    );
    expect(issueCounts(hit.issues)).toEqual({ errors: 1, warnings: 10_000 });
  });

  it('is found by its code, its severity and its counts in a query', () => {
    const hit = analyzed({ ...PAGE_VIEW, _cvar: badSlots(10_000) });
    const row = toQueryRow({
      ...hit,
      requestId: 'r1',
      transport: 'post',
      method: 'POST',
      path: '/matomo.php',
      idsite: 1,
      summary: hit.summary,
      userAgent: '',
    });
    for (const query of ['issue:json.shape', 'issue:json', 'severity:warning', 'has:warnings']) {
      expect(compileQuery(query).test(row), query).toBe(true);
    }
    expect(compileQuery('"9,900 more like these"').test(row)).toBe(true);
    expect(row.warnings).toBe(10_000);
  });
});

describe('capIssueSteps', () => {
  const issue = (code: string, param: string, severity: Issue['severity'] = 'warning'): Issue => ({
    code,
    severity,
    param,
    message: `${code} on ${param}`,
  });

  it('caps each code and severity on its own and keeps their order', () => {
    const issues = [
      issue('a.x', 'p1'),
      issue('b.y', 'q'),
      issue('a.x', 'p2'),
      issue('a.x', 'p3', 'info'),
      issue('a.x', 'p4'),
      issue('a.x', 'p5'),
      issue('b.y', 'q'),
    ];
    const capped = drain(capIssueSteps(issues, 1));
    expect(capped.map((i) => [i.code, i.severity, i.more ?? null])).toEqual([
      ['a.x', 'warning', null],
      ['b.y', 'warning', null],
      ['a.x', 'warning', 3],
      ['a.x', 'info', null],
      ['b.y', 'warning', 1],
    ]);
    expect(capped[2]?.message).toBe(
      '… and 3 more like these in p2, p4 and p5, not listed: a hit lists its first 1 issues of each code one by one.',
    );
    expect(issueTotal(capped)).toBe(issues.length);
  });

  it('counts what a closing issue it leaves out stood for', () => {
    const closing = { ...issue('a.x', 'p9'), more: 40 };
    const capped = drain(capIssueSteps([issue('a.x', 'p1'), issue('a.x', 'p2'), closing], 1));
    expect(capped[1]?.more).toBe(41);
    expect(issueTotal(capped)).toBe(42);
  });
});
