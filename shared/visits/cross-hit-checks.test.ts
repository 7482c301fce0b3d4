// Checks across the hits of a visit: each finding and the earlier hit it names.
import { describe, expect, it } from 'vitest';
import { pageviewKey, pageviewKeyText } from './cross-hit-checks';
import { testHit as hit } from './test-hits';
import { VisitIndex } from './visit-index';

const items = (list: [string, string, string, number, number][]) => JSON.stringify(list);
const order = (extra: Record<string, string>) => ({
  idgoal: '0',
  ec_id: 'A-1',
  ...extra,
});
const codes = (findings: { code: string }[]) => findings.map((f) => f.code);

describe('cross-hit checks', () => {
  it('accepts an order whose revenue is the items total plus tax and shipping minus discount', () => {
    const visits = new VisitIndex();
    visits.assign(hit(0, { idgoal: '0', ec_items: items([['SKU1', 'Shoe', '', 10, 1]]) }));
    const ok = visits.assign(
      hit(
        10,
        order({
          revenue: '27.5',
          ec_items: items([
            ['SKU1', 'Shoe', '', 10.004, 2],
            ['SKU2', 'Sock', '', 2.5, 1],
          ]),
          ec_tx: '3',
          ec_sh: '4',
          ec_dt: '2',
        }),
      ),
    );
    expect(codes(ok.findings)).toEqual([]);
  });

  // GoalManager.php 515–560: prices in cents, quantities as integers; no tolerance.
  it('flags revenue that differs from the items by a cent, and a wrong subtotal', () => {
    const visits = new VisitIndex();
    visits.assign(hit(0, { idgoal: '0', ec_items: '[]' }));
    const off = visits.assign(
      hit(10, order({ revenue: '20.01', ec_items: items([['S', 'n', '', 10, 2]]) })),
    );
    expect(off.findings[0]).toMatchObject({
      code: 'order.revenue_mismatch',
      param: 'revenue',
      message: expect.stringContaining(
        'revenue is 20.01 but the items plus tax and shipping minus discount make 20.00',
      ) as string,
    });
    const sub = visits.assign(
      hit(
        20,
        order({
          ec_id: 'A-2',
          revenue: '30',
          ec_st: '25',
          ec_items: items([['S', 'n', '', 10, 2]]),
        }),
      ),
    );
    expect(sub.findings[0]).toMatchObject({ code: 'order.revenue_mismatch', param: 'ec_st' });
  });

  it('flags an order with revenue 0 or none', () => {
    const visits = new VisitIndex();
    visits.assign(hit(0, { idgoal: '0' }));
    expect(codes(visits.assign(hit(10, order({ revenue: '0' }))).findings)).toEqual([
      'order.zero_revenue',
    ]);
    expect(codes(visits.assign(hit(20, order({ ec_id: 'B' }))).findings)).toEqual([
      'order.zero_revenue',
    ]);
  });

  it('notes an order with no cart update or product view before it in the visit', () => {
    const visits = new VisitIndex();
    const page = visits.assign(hit(0));
    const bare = visits.assign(hit(10, order({ revenue: '5' })));
    expect(bare.findings).toEqual([
      expect.objectContaining({
        code: 'order.no_cart',
        severity: 'info',
        relatedHitId: expect.stringMatching(/^r/) as string,
      }),
    ]);
    expect(page.visitId).toBe(bare.visitId);
    const withCart = new VisitIndex();
    withCart.assign(hit(0, { idgoal: '0' }));
    expect(withCart.assign(hit(10, order({ revenue: '5' }))).findings).toEqual([]);
  });

  it('links a second order with the same id to the first order (ec_id.duplicate)', () => {
    const visits = new VisitIndex();
    visits.assign(hit(0, { idgoal: '0' }));
    const first = hit(10, order({ revenue: '5' }));
    visits.assign(first);
    const again = visits.assign(
      hit(20, order({ revenue: '5' }), {
        outcome: 'rejected',
        issues: [{ code: 'ec_id.duplicate', severity: 'error', message: 'x' }],
      }),
    );
    expect(again.visitId).toBeNull();
    expect(again.findings).toEqual([
      expect.objectContaining({ code: 'ec_id.duplicate', relatedHitId: first.id }),
    ]);
  });

  // plugins/Actions/Columns/IdPageview.php line 36: the first 6 characters are kept.
  it('flags an event whose pv_id matches no page view of the visit, naming the last page view', () => {
    const visits = new VisitIndex();
    const page = hit(0, { pv_id: 'abc123' });
    visits.assign(page);
    expect(visits.assign(hit(5, { e_c: 'Video', e_a: 'Play', pv_id: 'abc123' })).findings).toEqual(
      [],
    );
    expect(
      visits.assign(hit(6, { e_c: 'Video', e_a: 'Play', pv_id: 'abc123XYZ' })).findings,
    ).toEqual([]);
    const stray = visits.assign(hit(7, { e_c: 'Video', e_a: 'Play', pv_id: 'zzz999' }));
    expect(stray.findings).toEqual([
      expect.objectContaining({ code: 'pv_id.unmatched', param: 'pv_id', relatedHitId: page.id }),
    ]);
    const content = visits.assign(
      hit(8, { c_n: 'Banner', pv_id: 'nope00' }, { type: 'content_impression' }),
    );
    expect(codes(content.findings)).toEqual(['pv_id.unmatched']);
  });

  it('keeps the first 6 characters of any pv_id, and names them back as sent', () => {
    const texts = [
      '',
      'a',
      'a\u0000',
      '\u0000a',
      'abc123',
      'ÿÿÿÿÿÿ',
      'ñandú1',
      '€uro12',
      '😀😀😀x',
    ];
    const keys = texts.map(pageviewKey);
    expect(new Set(keys).size).toBe(texts.length);
    texts.forEach((text, i) => expect(pageviewKeyText(keys[i] as string)).toBe(text.slice(0, 6)));
    expect(pageviewKey('abc123XYZ')).toBe(pageviewKey('abc123'));
    expect(pageviewKeyText(pageviewKey('x'.repeat(100_000)))).toBe('xxxxxx');

    const visits = new VisitIndex();
    visits.assign(hit(0, { pv_id: 'ñandú1' }));
    const stray = visits.assign(hit(5, { e_c: 'Video', e_a: 'Play', pv_id: 'zzz999' }));
    expect(stray.findings[0]?.message).toContain('the last page view has pv_id ñandú1');
    expect(visits.assign(hit(6, { e_c: 'Video', e_a: 'Play', pv_id: 'ñandú1' })).findings).toEqual(
      [],
    );
  });

  it('flags a ping in a visit with no page view', () => {
    const visits = new VisitIndex();
    const event = hit(0, { e_c: 'Video', e_a: 'Play' });
    visits.assign(event);
    expect(visits.assign(hit(10, { ping: '1' })).findings).toEqual([
      expect.objectContaining({ code: 'ping.no_pageview', relatedHitId: event.id }),
    ]);
    const withPage = new VisitIndex();
    withPage.assign(hit(0));
    expect(withPage.assign(hit(10, { ping: '1' })).findings).toEqual([]);
  });

  it('flags _id changing within a visit, naming the hit with the old value', () => {
    const visits = new VisitIndex();
    const first = hit(0);
    visits.assign(first);
    const changed = visits.assign(hit(10, { _id: 'fedcba9876543210' }));
    expect(changed.findings).toEqual([
      expect.objectContaining({
        code: 'visitor.id_changed',
        param: '_id',
        relatedHitId: first.id,
        message: '_id changed within the visit, from 0123456789abcdef to fedcba9876543210.',
      }),
    ]);
  });

  it('sees another uid as another visit, and flags _id changing under the same uid', () => {
    // Matomo never keeps one visit across two user ids (Model.php 527–533, and
    // VisitRequestProcessor.php 198–205 without overwrites): the change is a boundary.
    const visits = new VisitIndex();
    const a = hit(0, { cid: 'aaaaaaaaaaaaaaaa', uid: 'alice' }, {});
    visits.assign(a);
    const b = visits.assign(hit(10, { cid: 'aaaaaaaaaaaaaaaa', uid: 'alice2' }));
    // With overwrites on, another uid is another visitor: a new visit, no finding.
    expect(b.reason?.code).toBe('user_id_changed');
    const noOverwrite = new VisitIndex({
      sites: () => [{ idsite: 1, enableUserIdOverwritesVisitorId: false }],
    });
    const c = hit(0, { uid: 'alice' });
    noOverwrite.assign(c);
    // Same uid again with a new _id value: same visit (device), _id finding.
    const d = noOverwrite.assign(hit(10, { uid: 'alice', _id: 'fedcba9876543210' }));
    expect(d.findings.map((f) => f.param)).toEqual(['_id']);
  });

  it('flags _idvc going backwards for the same visitor, across its visits', () => {
    const visits = new VisitIndex();
    const three = hit(0, { _idvc: '3' });
    visits.assign(three);
    expect(visits.assign(hit(10, { _idvc: '3' })).findings).toEqual([]);
    const next = visits.assign(hit(4000, { _idvc: '1' }));
    expect(next.reason?.code).toBe('inactivity');
    expect(next.findings).toEqual([
      expect.objectContaining({ code: 'idvc.backwards', relatedHitId: three.id }),
    ]);
  });

  it('flags a visit-scoped dimension changing mid-visit, and leaves action-scoped ones alone', () => {
    const visits = new VisitIndex({ sites: () => [{ idsite: 1, visitScopedDimensions: [1] }] });
    const first = hit(0, { dimension1: 'gold', dimension2: 'a' });
    visits.assign(first);
    const next = visits.assign(hit(10, { dimension1: 'silver', dimension2: 'b' }));
    expect(next.findings).toEqual([
      expect.objectContaining({
        code: 'dimension.changed',
        param: 'dimension1',
        relatedHitId: first.id,
      }),
    ]);
  });
});
