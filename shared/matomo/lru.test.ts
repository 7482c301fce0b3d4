import { describe, expect, it } from 'vitest';
import { LruCache } from './lru';

describe('LruCache', () => {
  it('keeps at most `limit` entries and evicts the least recently used one', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1); // "a" is now the most recent
    cache.set('c', 3);
    expect(cache.size).toBe(2);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
  });

  it('overwrites an existing key without growing', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('a', 2);
    expect(cache.size).toBe(1);
    expect(cache.get('a')).toBe(2);
  });

  it('refuses a limit below 1', () => {
    expect(() => new LruCache(0)).toThrow(RangeError);
  });
});

describe('LruCache, the key used last asked again', () => {
  it('answers as a fresh lookup would, and keeps the recency order exact', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('b')).toBe(2);
    expect(cache.get('b')).toBe(2);
    cache.set('c', 3); // "a" is the least recently used one
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('b')).toBe(2);
    expect(cache.get('c')).toBe(3);
  });

  it('sees a new value set under the same key', () => {
    const cache = new LruCache<string, number>(3);
    cache.set('a', 1);
    expect(cache.get('a')).toBe(1);
    cache.set('a', 5);
    expect(cache.get('a')).toBe(5);
  });

  it('forgets it when cleared, and when it is evicted', () => {
    const cache = new LruCache<string, number>(1);
    cache.set('a', 1);
    expect(cache.get('a')).toBe(1);
    cache.clear();
    expect(cache.get('a')).toBeUndefined();
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('b')).toBe(2);
  });

  it('matches a plain map kept in recency order over random operations', () => {
    const cache = new LruCache<number, number>(4);
    const model = new Map<number, number>();
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) % 7;
    for (let step = 0; step < 2000; step++) {
      const key = next();
      if (step % 3 === 0) {
        cache.set(key, step);
        model.delete(key);
        model.set(key, step);
        if (model.size > 4) model.delete(model.keys().next().value as number);
      } else {
        const expected = model.get(key);
        if (expected !== undefined) {
          model.delete(key);
          model.set(key, expected);
        }
        expect(cache.get(key)).toBe(expected);
      }
    }
  });
});
