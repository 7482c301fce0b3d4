import { describe, expect, it } from 'vitest';
import {
  DEFAULT_REGENERATE,
  VolatileRegenerator,
  freshCacheBuster,
  freshPageviewId,
  freshVisitorId,
  localTimeParams,
  replaceQueryValues,
} from './volatile';

/** A deterministic sequence in [0, 1). */
function sequence(): () => number {
  let x = 0.123;
  return () => {
    x = (x * 9301 + 0.49297) % 1;
    return x;
  };
}

describe('fresh values', () => {
  it('have the shapes the JS tracker uses', () => {
    const random = sequence();
    expect(freshVisitorId(random)).toMatch(/^[0-9a-f]{16}$/);
    expect(freshPageviewId(random)).toMatch(/^[A-Za-z0-9]{6}$/);
    expect(freshCacheBuster(() => 0.000042)).toBe('000042');
    expect(localTimeParams(new Date(2024, 0, 2, 7, 5, 9))).toEqual({ h: '7', m: '5', s: '9' });
  });
});

describe('replaceQueryValues', () => {
  it('changes only the named values and keeps the rest byte for byte', () => {
    const raw = 'action_name=A+b%20c&r=111111&x&pv_id=old&pv_id=old2&url=http://raw';
    expect(replaceQueryValues(raw, { r: '222222', pv_id: 'n w' })).toBe(
      'action_name=A+b%20c&r=222222&x&pv_id=n%20w&pv_id=n%20w&url=http://raw',
    );
  });

  it('appends names that were not there and compares decoded names', () => {
    expect(replaceQueryValues('p%76_id=1', { pv_id: '2', h: '3' })).toBe('p%76_id=2&h=3');
    expect(replaceQueryValues('', { r: '1' })).toBe('r=1');
  });
});

describe('VolatileRegenerator', () => {
  it('gives hits that shared a pv_id one new shared pv_id, and keeps visitor ids', () => {
    const gen = new VolatileRegenerator(
      DEFAULT_REGENERATE,
      () => new Date(2024, 5, 1, 13, 14, 15),
      sequence(),
    );
    const a = new URLSearchParams(
      gen.regenerateQuery('pv_id=AAAAAA&_id=0123456789abcdef&r=1&h=1&m=1&s=1'),
    );
    const b = new URLSearchParams(gen.regenerateQuery('pv_id=AAAAAA&_id=0123456789abcdef&ping=1'));
    const c = new URLSearchParams(gen.regenerateQuery('pv_id=BBBBBB&_id=0123456789abcdef'));
    expect(a.get('pv_id')).not.toBe('AAAAAA');
    expect(b.get('pv_id')).toBe(a.get('pv_id'));
    expect(c.get('pv_id')).not.toBe(a.get('pv_id'));
    expect(a.get('_id')).toBe('0123456789abcdef');
    expect(a.get('r')).not.toBe('1');
    expect([a.get('h'), a.get('m'), a.get('s')]).toEqual(['13', '14', '15']);
    // Values a request did not carry are not invented on replay.
    expect(b.get('r')).toBeNull();
    expect(b.get('h')).toBeNull();
  });

  it('makes a new visitor when asked, consistently across requests', () => {
    const gen = new VolatileRegenerator(
      { cacheBuster: false, localTime: false, pageviewIds: false, visitorIds: true },
      () => new Date(),
      sequence(),
    );
    const first = gen.regenerateQuery('_id=0123456789abcdef&r=5');
    const second = gen.regenerateQuery('_id=0123456789abcdef');
    const id = new URLSearchParams(first).get('_id');
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(id).not.toBe('0123456789abcdef');
    expect(new URLSearchParams(second).get('_id')).toBe(id);
    expect(new URLSearchParams(first).get('r')).toBe('5');
  });
});
