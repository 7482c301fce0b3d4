// A list of many small items (a visit's 10,000 actions) is written an item at a time, each
// in one go: written field by field, with a pause after each, its answer took a tenth of a
// second longer. The slicer reads the clock at each pause: the readings count them.
import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sendJsonInPieces } from './reply';

afterEach(() => {
  vi.restoreAllMocks();
});

/** Enough of a response for sendJsonInPieces; what it was sent, as text. */
function fakeResponse(): { res: ServerResponse; text: () => string; writes: () => number } {
  const written: Buffer[] = [];
  const res = {
    headersSent: false,
    destroyed: false,
    statusCode: 0,
    req: { method: 'GET' },
    setHeader: () => res,
    write: (chunk: Buffer) => {
      if (chunk.length > 1024 * 1024) throw new Error('a write of over a megabyte');
      return written.push(Buffer.from(chunk)) > 0;
    },
    end: () => res,
  };
  return {
    res: res as unknown as ServerResponse,
    text: () => Buffer.concat(written).toString('utf8'),
    writes: () => written.length,
  };
}

describe('a list of small items', () => {
  it('is written with one pause an item, as JSON.stringify writes it', async () => {
    const actions = Array.from({ length: 1_000 }, (_, i) => ({
      hitId: `r-${i}.0`,
      type: 'pageview',
      at: '2026-01-01T00:00:00.000Z',
      url: `https://shop.example/p/${i}`,
      title: `Page ${i}`,
      issues: i % 2 ? [{ code: 'x', message: 'é"' }] : undefined,
      note: { code: 'first_hit' },
    }));
    const value = { id: 'v-r-0.0', hitIds: actions.map((a) => a.hitId), actions };
    const { res, text } = fakeResponse();
    let readings = 0;
    const now = performance.now.bind(performance);
    vi.spyOn(performance, 'now').mockImplementation(() => {
      readings++;
      return now();
    });
    await sendJsonInPieces(res, value);
    vi.restoreAllMocks();
    expect(text()).toBe(JSON.stringify(value));
    // An item and a pause after it, for both lists, and a few more.
    expect(readings).toBeLessThan(2 * 2_000 + 100);
  });

  it('is sent in few writes, made of few buffers', async () => {
    const value = { hitIds: Array.from({ length: 10_000 }, (_, i) => `r-${i}.0`) };
    const { res, text, writes } = fakeResponse();
    // A buffer for each of 20,000 pieces was most of the garbage an answer left.
    const made = vi.spyOn(Buffer, 'from');
    await sendJsonInPieces(res, value);
    expect(made.mock.calls.length).toBeLessThan(100);
    vi.restoreAllMocks();
    expect(text()).toBe(JSON.stringify(value));
    expect(writes()).toBe(1);
  });

  it('is encoded with no replacer called for each value when its items are flat', async () => {
    // A visit's actions: scalars and short texts, the odd one with a list of findings.
    const actions = Array.from({ length: 1_000 }, (_, i) => ({
      hitId: `r-${i}.0`,
      type: 'pageview',
      url: `https://shop.example/p/${i}`,
      timeOnPageMs: i,
      note: undefined,
      ...(i === 500 ? { issues: [{ code: 'x' }] } : {}),
    }));
    const { res, text } = fakeResponse();
    const stringify = vi.spyOn(JSON, 'stringify');
    await sendJsonInPieces(res, { actions });
    const withReplacer = stringify.mock.calls.filter(([, replacer]) => replacer !== undefined);
    vi.restoreAllMocks();
    expect(text()).toBe(JSON.stringify({ actions }));
    expect(withReplacer).toHaveLength(1);
  });

  it('is sent in writes of a megabyte at most, a long string cut', async () => {
    const value = { long: 'é'.repeat(1024 * 1024), list: ['a', 'b'] };
    const { res, text, writes } = fakeResponse();
    await sendJsonInPieces(res, value);
    expect(text()).toBe(JSON.stringify(value));
    // Two megabytes and a few bytes: in four writes at most.
    expect(writes()).toBeLessThanOrEqual(4);
  });
});
