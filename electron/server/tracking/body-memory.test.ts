import { beforeEach, describe, expect, it } from 'vitest';
import { bodyMemory, reuseBodyMemory, SPARE_BODY_MAX_BYTES } from './body-memory';
import { joinInSlices } from './read-body';

const MB = 1024 * 1024;
/** A body of `total` bytes in pieces of 64 KB, as a socket delivers it. */
const piecesOf = (total: number, fill: number) =>
  Array.from({ length: Math.ceil(total / (64 * 1024)) }, (_, i) =>
    Buffer.alloc(Math.min(64 * 1024, total - i * 64 * 1024), fill),
  );

describe('the memory of a large body', () => {
  // A spare left by another file's server (the node files share one module graph) is taken.
  beforeEach(() => void bodyMemory(1));

  it('joins the next large body into the memory of one given back', async () => {
    const first = await joinInSlices(piecesOf(3 * MB, 1), 3 * MB);
    reuseBodyMemory(first);
    const second = await joinInSlices(piecesOf(2 * MB, 2), 2 * MB);
    expect(second.buffer === first.buffer).toBe(true);
    expect(second.length).toBe(2 * MB);
    expect(second.every((byte) => byte === 2)).toBe(true);
  });

  it('never joins into the memory of a body not given back', async () => {
    const first = await joinInSlices(piecesOf(3 * MB, 1), 3 * MB);
    const second = await joinInSlices(piecesOf(3 * MB, 2), 3 * MB);
    expect(second.buffer === first.buffer).toBe(false);
    expect(first.every((byte) => byte === 1)).toBe(true);
  });

  it('hands memory given back twice to one body only', () => {
    const first = bodyMemory(2 * MB);
    reuseBodyMemory(first);
    reuseBodyMemory(first);
    const second = bodyMemory(2 * MB);
    const third = bodyMemory(2 * MB);
    expect(second.buffer === first.buffer).toBe(true);
    expect(third.buffer === first.buffer).toBe(false);
  });

  it('keeps no memory it did not hand out, nor memory past its bound', () => {
    const foreign = Buffer.allocUnsafeSlow(2 * MB);
    reuseBodyMemory(foreign);
    expect(bodyMemory(2 * MB).buffer === foreign.buffer).toBe(false);
    const huge = bodyMemory(SPARE_BODY_MAX_BYTES + 1);
    reuseBodyMemory(huge);
    expect(bodyMemory(2 * MB).buffer === huge.buffer).toBe(false);
  });

  it('lets a spare too small for the next body go', () => {
    const small = bodyMemory(2 * MB);
    reuseBodyMemory(small);
    const large = bodyMemory(3 * MB);
    expect(large.buffer === small.buffer).toBe(false);
    expect(bodyMemory(2 * MB).buffer === small.buffer).toBe(false);
  });
});
