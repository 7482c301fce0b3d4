import { describe, expect, it } from 'vitest';
import { eventHit, summaryHit } from '../../test-support/plan/summary-hit';
import { describeMisses, nearestMisses } from './nearest-miss';

describe('nearestMisses', () => {
  it('explains each differing term as expected and got', () => {
    const hit = eventHit('Video', 'play', { id: 'a', params: { idsite: '2', e_v: '2', uid: 'x' } });
    const [miss] = nearestMisses(
      {
        type: 'event',
        params: { e_a: 'Play', idsite: 3, e_v: { min: 5 }, uid: { present: false } },
      },
      [hit],
    );
    expect(miss?.differences.map((d) => d.text)).toEqual([
      'e_a: expected "Play", got "play"',
      'idsite: expected 3, got 2',
      'e_v: expected ≥ 5, got 2',
      'uid: expected to be absent, got "x"',
    ]);
    expect(miss).toMatchObject({ hitId: 'a', matchedTerms: 1, totalTerms: 5 });
  });

  it('says the type and an absent parameter plainly', () => {
    const hit = summaryHit({ id: 'p', params: { action_name: 'Home' } });
    const [miss] = nearestMisses({ query: 'type:event e_c:Video' }, [hit]);
    expect(miss?.differences).toEqual([
      {
        term: 'type:event',
        field: 'type',
        expected: 'event',
        actual: 'pageview',
        text: 'type: expected event, got pageview',
      },
      {
        term: 'e_c:Video',
        field: 'e_c',
        expected: 'to contain "Video"',
        actual: null,
        text: 'e_c: expected to contain "Video", but it is absent',
      },
    ]);
  });

  it('ranks by matched terms, the newest first among equals, and leaves matches out', () => {
    const matcher = { type: 'event', params: { e_c: 'Video', e_a: 'Play' } };
    const hits = [
      eventHit('Video', 'Play', { id: 'match', at: 1 }),
      summaryHit({ id: 'far', at: 2 }),
      eventHit('Video', 'Pause', { id: 'old-close', at: 3 }),
      eventHit('Audio', 'Play', { id: 'new-close', at: 4 }),
      eventHit('Audio', 'Stop', { id: 'event-only', at: 5 }),
    ];
    expect(nearestMisses(matcher, hits).map((m) => [m.hitId, m.matchedTerms])).toEqual([
      ['new-close', 2],
      ['old-close', 2],
      ['event-only', 1],
    ]);
    expect(nearestMisses(matcher, hits, 10).map((m) => m.hitId)).toEqual([
      'new-close',
      'old-close',
      'event-only',
    ]);
  });

  it('lists hits matching no term only when no hit matches any', () => {
    const far = summaryHit({ id: 'far' });
    expect(nearestMisses({ type: 'event' }, [far]).map((m) => m.hitId)).toEqual(['far']);
  });

  it('orders hits of one bulk by their position', () => {
    const first = eventHit('Video', 'Pause', { id: 'b0', at: 9, index: 0 });
    const second = eventHit('Video', 'Stop', { id: 'b1', at: 9, index: 1 });
    const misses = nearestMisses({ params: { e_c: 'Video', e_a: 'Play' } }, [first, second]);
    expect(misses.map((m) => m.hitId)).toEqual(['b1', 'b0']);
  });
});

describe('describeMisses', () => {
  it('lists each hit with its differences on indented lines', () => {
    const hits = [
      eventHit('Video', 'play', { id: 'h-1', at: 2 }),
      summaryHit({ id: 'h-2', at: 1, params: { action_name: 'Home', e_a: 'Play' } }),
    ];
    const text = describeMisses(nearestMisses({ type: 'event', params: { e_a: 'Play' } }, hits));
    expect(text).toBe(
      [
        'Nearest misses:',
        '  hit h-1 (event "Video / play"): 1 of 2 terms match',
        '    e_a: expected "Play", got "play"',
        '  hit h-2 (pageview "Home"): 1 of 2 terms match',
        '    type: expected event, got pageview',
      ].join('\n'),
    );
  });

  it('says when there was nothing to compare with', () => {
    expect(describeMisses(nearestMisses({ type: 'event' }, []))).toBe(
      'No hit to compare with: none was received.',
    );
  });
});
