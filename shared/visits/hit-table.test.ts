// The hit table finds a hit by its id, follows its visit, and numbers the hits it still holds
// again without losing one.
import { describe, expect, it } from 'vitest';
import { HitTable, NO_VISIT } from './hit-table';
import { testHit as hit } from './test-hits';
import { VisitIndex } from './visit-index';

describe('HitTable', () => {
  it('finds hits by id past growth, and forgets those that left', () => {
    const table = new HitTable();
    for (let i = 0; i < 5000; i++) table.add(`r${i}.0`, i % 7, 1000 + i, 'pageview');
    expect(table.find('r4999.0')).toBe(4999);
    expect(table.visitOf(table.find('r123.0'))).toBe(123 % 7);
    expect(table.timeOf(table.find('r123.0'))).toBe(1123);
    expect(table.find('r5000.0')).toBe(-1);
    table.drop(table.find('r10.0'));
    expect(table.find('r10.0')).toBe(-1);
  });

  it('answers for an id with its latest hit', () => {
    const table = new HitTable();
    const first = table.add('a', 1, 10, 'pageview');
    const again = table.add('a', 2, 20, 'event');
    expect(table.find('a')).toBe(again);
    expect(table.visitOf(first)).toBe(NO_VISIT);
    expect(table.typeOf(again)).toBe('event');
  });

  it('numbers the hits it holds again, in order, ids and times kept', () => {
    const table = new HitTable();
    for (let i = 0; i < 6000; i++) table.add(`h${i}`, i, i, i % 2 ? 'event' : 'pageview');
    for (let i = 0; i < 6000; i += 3) table.drop(i);
    for (let i = 1; i < 6000; i += 3) table.drop(i);
    expect(table.sparse).toBe(true);
    const moved = table.compact();
    expect(table.count).toBe(2000);
    expect(moved[2]).toBe(0);
    expect(moved[3]).toBe(-1);
    expect(table.find('h5999')).toBe(moved[5999]);
    expect(table.idOf(table.find('h5999'))).toBe('h5999');
    expect(table.typeOf(table.find('h5999'))).toBe('event');
    expect(table.timeOf(table.find('h2'))).toBe(2);
  });
});

describe('the visit index past its memory', () => {
  it('still finds the visits, hits and findings it holds after renumbering its hits', () => {
    const visits = new VisitIndex({ maxHits: 200 });
    const visitor = (i: number) => `1000000000000${String(i % 40).padStart(3, '0')}`;
    // 40 visitors on 40 devices. Events whose pv_id matches no page view: each has a finding.
    for (let i = 0; i < 9000; i++) {
      const params: Record<string, string> =
        i % 5 === 4 ? { e_c: 'Video', e_a: 'Play', pv_id: 'zzzzzz' } : {};
      visits.assign(
        hit(i, { _id: visitor(i), ...params }, { id: `h${i}`, remoteAddress: `10.0.0.${i % 40}` }),
      );
    }
    const last = visits.visitOfHit('h8999');
    expect(last?.hitIds.at(-1)).toBe('h8999');
    expect(last?.hitIds.every((id) => visits.visitOfHit(id) === last)).toBe(true);
    expect(visits.visitOfHit('h0')).toBeUndefined();
    expect(visits.findingsOf('h8999').map((finding) => finding.code)).toEqual(['pv_id.unmatched']);
    expect(visits.findingsOf('h8998')).toEqual([]);
  });

  it('moves the findings in place when it renumbers its hits: no map is built again', () => {
    const visits = new VisitIndex({ maxHits: 5000 });
    const setOf = Map.prototype.set;
    let sets = 0;
    let most = 0;
    Map.prototype.set = function (this: Map<unknown, unknown>, key: unknown, value: unknown) {
      sets++;
      return setOf.call(this, key, value);
    };
    try {
      for (let i = 0; i < 20_000; i++) {
        const params: Record<string, string> =
          i % 5 === 4 ? { e_c: 'Video', e_a: 'Play', pv_id: 'zzzzzz' } : {};
        sets = 0;
        visits.assign(
          hit(
            i,
            { _id: `1000000000000${String(i % 40).padStart(3, '0')}`, ...params },
            { id: `h${i}`, remoteAddress: `10.0.0.${i % 40}` },
          ),
        );
        most = Math.max(most, sets);
      }
    } finally {
      Map.prototype.set = setOf;
    }
    // A map of the findings by hit number, filled again at each renumbering, took one entry
    // per hit with findings (a thousand here) in the turn that assigned one hit.
    expect(most).toBeLessThan(50);
    expect(visits.findingsOf('h19999').map((finding) => finding.code)).toEqual(['pv_id.unmatched']);
    expect(visits.findingsOf('h19998')).toEqual([]);
    expect(visits.visitOfHit('h0')).toBeUndefined();
  });

  it('evicts a visit whose two visitor ids took turns with a few lookups, not one per hit', () => {
    const visits = new VisitIndex({ maxHits: 4000 });
    // One device, two _ids in turn: each hit continues the visit and changes its visitor id.
    for (let i = 0; i < 4000; i++) {
      visits.assign(
        hit(i, { _id: i % 2 ? '1000000000000002' : '1000000000000001' }, { id: `a${i}` }),
      );
    }
    const visit = visits.visitOfHit('a3999');
    expect(visit?.hitCount).toBe(4000);
    expect([...(visit?.formerVisitorIds ?? [])].sort()).toEqual([
      '1000000000000001',
      '1000000000000002',
    ]);
    const setOf = Map.prototype.set;
    let sets = 0;
    Map.prototype.set = function (this: Map<unknown, unknown>, key: unknown, value: unknown) {
      sets++;
      return setOf.call(this, key, value);
    };
    try {
      // Another device's hit: the first visit leaves memory.
      visits.assign(hit(5000, { _id: '1000000000000003' }, { id: 'b', remoteAddress: '10.9.9.9' }));
    } finally {
      Map.prototype.set = setOf;
    }
    expect(visits.visitOfHit('a0')).toBeUndefined();
    expect(sets).toBeLessThan(50);
    // Its ids open new visits now.
    visits.assign(hit(5001, { _id: '1000000000000001' }, { id: 'c' }));
    expect(visits.visitOfHit('c')?.firstHitId).toBe('c');
  });

  it('gives readers that only read the findings the same ones, made once per hit', () => {
    const visits = new VisitIndex({ maxHits: 200 });
    const event = { e_c: 'Video', e_a: 'Play', pv_id: 'zzzzzz', _id: '1000000000000001' };
    visits.assign(hit(0, event, { id: 'a' }));
    visits.assign(hit(1, { _id: '1000000000000001' }, { id: 'b' }));
    const read = visits.findingsToRead('a');
    expect(read).toEqual(visits.findingsOf('a'));
    expect(read.map((finding) => finding.code)).toEqual(['pv_id.unmatched']);
    expect(visits.findingsToRead('a')).toBe(read);
    expect(visits.findingsToRead('b')).toEqual([]);
    expect(visits.findingsToRead('unknown')).toEqual([]);
    // Those who may change what they get still get their own copy.
    expect(visits.findingsOf('a')).not.toBe(visits.findingsOf('a'));
  });

  it('lists every hit with findings, as findingsOf tells them, past renumbering', () => {
    const visits = new VisitIndex({ maxHits: 200 });
    for (let i = 0; i < 3000; i++) {
      const params: Record<string, string> =
        i % 5 === 4 ? { e_c: 'Video', e_a: 'Play', pv_id: 'zzzzzz' } : {};
      visits.assign(
        hit(
          i,
          { _id: `1000000000000${String(i % 40).padStart(3, '0')}`, ...params },
          { id: `h${i}` },
        ),
      );
    }
    const listed = new Map<string, readonly unknown[]>();
    visits.forEachFindingToRead((id, codes, findings) => {
      expect(codes.map((finding) => finding.code)).toEqual(findings().map((f) => f.code));
      listed.set(id, findings());
    });
    const expected = new Map<string, readonly unknown[]>();
    for (let i = 0; i < 3000; i++) {
      const findings = visits.findingsOf(`h${i}`);
      if (findings.length > 0) expected.set(`h${i}`, findings);
    }
    expect(expected.size).toBeGreaterThan(0);
    expect(listed).toEqual(expected);
  });
});
