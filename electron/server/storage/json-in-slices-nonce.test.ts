// A nonce is drawn only for a value that holds a long part to leave out: the JSON of a visit
// writes each of its 10,000 hit ids alone, and drawing a nonce for each took a fifth of a
// second.
import type * as Crypto from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { jsonInSlices } from './json-in-slices';

const drawn = vi.hoisted(() => ({ count: 0 }));
vi.mock('node:crypto', async (original) => {
  const crypto = await original<typeof Crypto>();
  return {
    ...crypto,
    randomBytes: (size: number) => {
      drawn.count++;
      return crypto.randomBytes(size);
    },
  };
});

const noPause = () => Promise.resolve();
const text = async (value: unknown, pieceChars?: number) =>
  Buffer.concat(await jsonInSlices(value, noPause, pieceChars)).toString('utf8');

describe('jsonInSlices nonce', () => {
  it('is not drawn for short strings and scalars', async () => {
    drawn.count = 0;
    for (const value of ['mxa8-1.9999', 'é"\\\n', 42, true, null]) {
      expect(await text(value)).toBe(JSON.stringify(value));
    }
    expect(drawn.count).toBe(0);
  });

  it('is drawn for a value with a long part, which is still written whole', async () => {
    drawn.count = 0;
    const value = ['short', 'x'.repeat(20)];
    expect(await text(value, 8)).toBe(JSON.stringify(value));
    expect(drawn.count).toBeGreaterThan(0);
  });
});
