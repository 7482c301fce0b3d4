// A streamed JSON answer is the JSON.stringify of its value, written chunked while it is made:
// a list given as an iterator is made only as fast as the client takes its bytes, so the
// server never holds the whole answer (a visit's 10,000 actions).
import { createServer, get, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { sendJsonStreamed } from './reply-streamed';

let server: Server | undefined;

afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

/** A server answering every request with `value`, streamed; its URL. */
async function serve(value: () => Record<string, unknown>): Promise<string> {
  server = createServer((_req, res) => void sendJsonStreamed(res, value()));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const request = (url: string): Promise<IncomingMessage> =>
  new Promise((resolve, reject) => get(url, resolve).on('error', reject));

async function textOf(res: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of res) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a streamed JSON answer', () => {
  it('writes the bytes JSON.stringify writes, chunked, a list given as an iterator too', async () => {
    const actions = Array.from({ length: 3_000 }, (_, i) => ({
      hitId: `r-${i}.0`,
      at: '2026-01-01T00:00:00.000Z',
      title: i % 7 ? `Page ${i}` : 'é"\u2028😀',
      skipped: undefined,
      issues: i % 2 ? [{ code: 'x', message: 'm' }] : undefined,
    }));
    const value = {
      id: 'v-1',
      gone: undefined,
      hitIds: actions.map((action) => action.hitId),
      empty: [],
      long: `${'ü'.repeat(700_000)}x`.repeat(2),
      nested: { a: [1, null, undefined], b: 'c' },
      actions,
      rules: { fromProfile: [] },
    };
    const url = await serve(() => ({ ...value, actions: actions.values() }));
    const res = await request(url);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['transfer-encoding']).toBe('chunked');
    expect(res.headers['content-length']).toBeUndefined();
    expect(await textOf(res)).toBe(JSON.stringify(value));
  });

  it("makes a list's items only as fast as the client takes them", async () => {
    const ITEMS = 20_000;
    // 2 KB an item, 40 MB in all: far more than the socket buffers hold.
    const text = 'v'.repeat(2_000);
    let made = 0;
    function* items() {
      for (let i = 0; i < ITEMS; i++) {
        made++;
        yield { i, text };
      }
    }
    const url = await serve(() => ({ items: items() }));
    const res = await request(url);
    res.pause();
    // Until the server stops making items: the client takes nothing meanwhile.
    for (let before = -1; made !== before; await sleep(100)) before = made;
    expect(made).toBeGreaterThan(0);
    expect(made).toBeLessThan(ITEMS / 2);
    res.resume();
    const answer = JSON.parse(await textOf(res)) as { items: { i: number }[] };
    expect(answer.items).toHaveLength(ITEMS);
    expect(made).toBe(ITEMS);
  });
});
