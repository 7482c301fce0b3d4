import { describe, expect, it } from 'vitest';
import { VolatileRegenerator } from '../../../../shared/matomo/volatile';
import { enabledPairs } from './draft';
import { draftFromHit, replayBulkItems, replayRequest, type ReplayHit } from './replay';

const hit: ReplayHit = {
  rawQuery:
    'e_c=Video&e_a=Play+now&idsite=1&rec=1&r=111111&h=1&m=2&s=3&pv_id=AAAAAA&_id=0123456789abcdef',
  transport: 'get',
  path: '/matomo.php',
  userAgent: 'Mozilla/5.0 Test',
  type: 'event',
};

describe('replay', () => {
  it('resends the raw query byte for byte, with the user agent', () => {
    expect(replayRequest(hit, 'self')).toEqual({
      target: 'self',
      method: 'GET',
      path: '/matomo.php',
      query: hit.rawQuery,
      headers: { 'user-agent': 'Mozilla/5.0 Test' },
    });
  });

  it('keeps the transport: form POST as a form POST, beacon as POST with the query', () => {
    const post = replayRequest(
      { ...hit, transport: 'post', path: '/piwik.php' },
      'https://m.example/',
    );
    expect(post).toMatchObject({ method: 'POST', body: hit.rawQuery, path: '/piwik.php' });
    expect(post.query).toBeUndefined();
    const beacon = replayRequest({ ...hit, transport: 'beacon' }, 'self');
    expect(beacon).toMatchObject({ method: 'POST', query: hit.rawQuery });
    expect(replayRequest({ ...hit, transport: 'bulk' }, 'self').method).toBe('GET');
  });

  it('regenerates volatile values and keeps visitor ids', () => {
    const regen = new VolatileRegenerator(
      { cacheBuster: true, localTime: true, pageviewIds: true, visitorIds: false },
      () => new Date(2024, 1, 1, 10, 20, 30),
      () => 0.75,
    );
    const items = replayBulkItems(
      [hit, { ...hit, rawQuery: 'ping=1&pv_id=AAAAAA&_id=0123456789abcdef' }],
      regen,
    );
    const first = new URLSearchParams(items[0]!.slice(1));
    const second = new URLSearchParams(items[1]!.slice(1));
    expect(first.get('r')).toBe('750000');
    expect([first.get('h'), first.get('m'), first.get('s')]).toEqual(['10', '20', '30']);
    expect(first.get('pv_id')).not.toBe('AAAAAA');
    expect(second.get('pv_id')).toBe(first.get('pv_id'));
    expect(first.get('_id')).toBe('0123456789abcdef');
    expect(first.get('e_a')).toBe('Play now');
  });

  it('opens a hit in the composer with its values decoded', () => {
    const draft = draftFromHit({ ...hit, transport: 'post' });
    expect(draft.template).toBe('event');
    expect(draft.method).toBe('POST');
    expect(draft.headers).toEqual({ 'user-agent': 'Mozilla/5.0 Test' });
    expect(enabledPairs(draft).slice(0, 2)).toEqual([
      { name: 'e_c', value: 'Video' },
      { name: 'e_a', value: 'Play now' },
    ]);
  });
});
