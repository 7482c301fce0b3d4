import { describe, expect, it } from 'vitest';
import { PHP_JSON_DEPTH, exceedsJsonDepth } from './json-depth';

const nested = (levels: number): unknown => JSON.parse('['.repeat(levels) + ']'.repeat(levels));

describe('exceedsJsonDepth', () => {
  it('allows exactly the PHP depth and refuses one level more', () => {
    expect(exceedsJsonDepth(nested(PHP_JSON_DEPTH))).toBe(false);
    expect(exceedsJsonDepth(nested(PHP_JSON_DEPTH + 1))).toBe(true);
  });

  it('counts objects and arrays alike, and scalars not at all', () => {
    expect(exceedsJsonDepth({ a: [{ b: 1 }] }, 3)).toBe(false);
    expect(exceedsJsonDepth({ a: [{ b: [] }] }, 3)).toBe(true);
    expect(exceedsJsonDepth('[[[[', 1)).toBe(false);
    expect(exceedsJsonDepth(null, 1)).toBe(false);
  });

  it('walks documents far deeper than the call stack', () => {
    expect(exceedsJsonDepth(nested(200_000))).toBe(true);
  });
});
