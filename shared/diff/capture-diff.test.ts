import { describe, expect, it } from 'vitest';
import { eventHit, summaryHit } from '../../test-support/plan/summary-hit';
import { diffCaptures } from './capture-diff';
import { compareParams, diffHits } from './hit-diff';

const volatile = (n: number) => ({
  r: String(100000 + n),
  h: '10',
  m: String(n),
  s: String(n),
  pv_id: `pv${n}`,
  _id: `${n}`.repeat(16).slice(0, 16),
  _idts: String(1700000000 + n),
  cdt: String(1700000000 + n),
  gt_ms: String(n * 10),
});

describe('diffHits', () => {
  it('ignores volatile values and names added, removed and changed parameters', () => {
    const a = eventHit('Video', 'Play', { params: { ...volatile(1), e_v: '25', e_n: 'Intro' } });
    const b = eventHit('Video', 'Play', { params: { ...volatile(2), e_v: '30', uid: 'x' } });
    expect(diffHits(a, b).map((c) => c.text)).toEqual([
      'e_n: removed "Intro"',
      'e_v: "25" → "30"',
      'uid: added "x"',
    ]);
  });

  it('compares the outcome and the issue codes', () => {
    const a = summaryHit();
    const b = {
      ...summaryHit(),
      outcome: 'rejected' as const,
      issues: [{ code: 'idsite.missing', severity: 'error' as const, message: 'No site.' }],
    };
    expect(diffHits(a, b).map((c) => c.text)).toEqual([
      'outcome: "recorded" → "rejected"',
      'issues: added "idsite.missing"',
    ]);
  });
});

describe('compareParams', () => {
  it('lists every parameter of either hit with its status; volatile ones are marked ignored', () => {
    const a = eventHit('Video', 'Play', { params: { r: '1', e_v: '25', e_n: 'Intro' } });
    const b = eventHit('Video', 'Play', { params: { r: '2', e_v: '30', uid: 'x' } });
    const rows = compareParams(a, b);
    expect(rows.map((row) => [row.name, row.status, row.ignored])).toEqual([
      ['e_a', 'same', false],
      ['e_c', 'same', false],
      ['e_n', 'removed', false],
      ['e_v', 'changed', false],
      ['idsite', 'same', false],
      ['r', 'changed', true],
      ['rec', 'same', false],
      ['uid', 'added', false],
    ]);
  });
});

describe('diffCaptures', () => {
  it('pairs hits by type and key parameters in arrival order', () => {
    const baseline = [
      summaryHit({ id: 'b-page', at: 1, params: { action_name: 'Home', ...volatile(1) } }),
      eventHit('Video', 'Play', { id: 'b-play', at: 2, params: volatile(1) }),
      eventHit('Video', 'Progress', { id: 'b-p1', at: 3, params: { e_v: '25' } }),
      eventHit('Video', 'Progress', { id: 'b-p2', at: 4, params: { e_v: '50' } }),
      eventHit('Video', 'Stop', { id: 'b-stop', at: 5 }),
    ];
    const current = [
      eventHit('Video', 'Play', { id: 'c-play', at: 12, params: volatile(2) }),
      summaryHit({ id: 'c-page', at: 11, params: { action_name: 'Home', ...volatile(2) } }),
      eventHit('Video', 'Progress', { id: 'c-p1', at: 13, params: { e_v: '25' } }),
      eventHit('Video', 'Progress', { id: 'c-p2', at: 14, params: { e_v: '75' } }),
      eventHit('Video', 'Pause', { id: 'c-pause', at: 15 }),
    ];
    const diff = diffCaptures(baseline, current);
    expect(
      diff.entries.map((e) => [
        e.kind,
        e.label,
        e.baseline?.id ?? null,
        e.current?.id ?? null,
        e.changes.map((c) => c.text),
      ]),
    ).toEqual([
      ['same', 'pageview Home', 'b-page', 'c-page', []],
      ['same', 'event Video / Play', 'b-play', 'c-play', []],
      ['same', 'event Video / Progress', 'b-p1', 'c-p1', []],
      ['changed', 'event Video / Progress #2', 'b-p2', 'c-p2', ['e_v: "50" → "75"']],
      ['removed', 'event Video / Stop', 'b-stop', null, []],
      ['added', 'event Video / Pause', null, 'c-pause', []],
    ]);
    expect(diff.counts).toEqual({ added: 1, removed: 1, changed: 1, same: 3 });
  });

  it('keeps sites apart and leaves out the parameters asked for', () => {
    const a = [summaryHit({ params: { action_name: 'Home', idsite: '1', url: 'https://a/' } })];
    const b = [summaryHit({ params: { action_name: 'Home', idsite: '2', url: 'https://b/' } })];
    expect(diffCaptures(a, b).counts).toEqual({ added: 1, removed: 1, changed: 0, same: 0 });
    const sameSite = [summaryHit({ params: { action_name: 'Home', url: 'https://b/' } })];
    const withUrl = [summaryHit({ params: { action_name: 'Home', url: 'https://a/' } })];
    expect(diffCaptures(withUrl, sameSite).counts.changed).toBe(1);
    const ignoring = diffCaptures(withUrl, sameSite, ['url']);
    expect(ignoring.counts).toEqual({ added: 0, removed: 0, changed: 0, same: 1 });
    expect(ignoring.ignored).toContain('url');
    expect(ignoring.ignored).toContain('pv_id');
  });
});
