import { describe, expect, it } from 'vitest';
import { ISSUE_CODES, ISSUE_CODE_LIST, isIssueCode, issueCodeSpec, makeIssue } from './issue-codes';

const REQUIRED = [
  'idsite.missing',
  'idsite.invalid',
  'cid.length',
  'auth.required',
  'cdt.too_old',
  'pf.negative',
  'idsite.unknown',
  'idgoal.unknown',
  'ec_id.duplicate',
  'request.empty',
  'rec.missing',
  'bot.excluded',
  'value.not_int',
  'value.not_number',
  'json.invalid',
  'json.shape',
  'url.invalid',
  'value.truncated',
  'cdt.out_of_range',
  'time.out_of_range',
  'id.format',
  'event.incomplete',
  'content.incomplete',
  'search.not_enabled',
  'param.unknown',
  'param.duplicate',
  'param.legacy',
  'encoding.unescaped',
  'encoding.invalid',
  'value.invisible_control',
  'token.in_url',
  'token.format',
  'res.format',
  'url.missing',
  'bulk.entry_dropped',
  'param.array',
  'bulk.aborted',
  'bulk.rolled_back',
  'bulk.not_processed',
];

describe('issue code catalogue', () => {
  it('contains every required code', () => {
    for (const code of REQUIRED) expect(isIssueCode(code), code).toBe(true);
  });

  it('gives every code a dotted name, summary, hint and a spec section or Matomo source', () => {
    for (const code of ISSUE_CODE_LIST) {
      const spec = ISSUE_CODES[code];
      expect(code).toMatch(/^[a-z_]+\.[a-z_]+$/);
      expect(spec.summary.length, code).toBeGreaterThan(20);
      expect(spec.hint.length, code).toBeGreaterThan(10);
      if ('source' in spec) expect(spec.source, code).toMatch(/^(core|plugins)\/\S+\.php \d+–\d+/);
      else expect(spec.spec, code).toMatch(/^\d+(\.\d+)?$/);
    }
  });

  it('makes stopping codes errors and value codes warnings', () => {
    for (const code of ISSUE_CODE_LIST) {
      const { effect, severity } = ISSUE_CODES[code];
      if (effect === 'reject' || effect === 'exclude') expect(severity, code).toBe('error');
      if (effect === 'drop') expect(severity, code).toBe('warning');
      if (effect === 'lint') expect(severity, code).not.toBe('error');
      // Lost with an aborted bulk: never a mere hint, whoever caused it.
      if (effect === 'abort') expect(severity, code).not.toBe('info');
    }
    expect(ISSUE_CODES['idsite.invalid'].effect).toBe('reject');
    expect(ISSUE_CODES['rec.missing'].effect).toBe('exclude');
  });

  it('marks the generic exception that aborts a whole bulk (docs/tracking-protocol.md#bulk-isolation)', () => {
    const aborting = ISSUE_CODE_LIST.filter((code) => ISSUE_CODES[code].abortsBulk === true);
    expect(aborting).toEqual(['ca.unclaimed']);
    const lost = ISSUE_CODE_LIST.filter((code) => ISSUE_CODES[code].effect === 'abort');
    expect(lost).toEqual(['bulk.aborted', 'bulk.rolled_back', 'bulk.not_processed']);
    expect(lost.map((code) => ISSUE_CODES[code].spec)).toEqual(['5.2', '5.2', '5.2']);
    expect(ISSUE_CODES['bulk.rolled_back'].severity).toBe('warning');
    expect(ISSUE_CODES['bulk.not_processed'].severity).toBe('error');
  });

  it('looks codes up safely', () => {
    expect(issueCodeSpec('rec.missing')?.effect).toBe('exclude');
    expect(issueCodeSpec('toString')).toBeUndefined();
    expect(isIssueCode('__proto__')).toBe(false);
  });
});

describe('makeIssue', () => {
  it('takes severity and hint from the catalogue', () => {
    expect(makeIssue('param.duplicate', { param: 'url', message: 'url sent twice' })).toEqual({
      code: 'param.duplicate',
      severity: 'warning',
      param: 'url',
      message: 'url sent twice',
      hint: ISSUE_CODES['param.duplicate'].hint,
    });
  });

  it('keeps a specific hint and leaves out a missing param', () => {
    const issue = makeIssue('request.empty', { message: 'nothing', hint: 'send something' });
    expect(issue).toEqual({
      code: 'request.empty',
      severity: 'error',
      message: 'nothing',
      hint: 'send something',
    });
    expect('param' in issue).toBe(false);
  });
});
