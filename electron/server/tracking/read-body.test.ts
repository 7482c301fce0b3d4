import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { headersOf } from './raw-request';
import { joinInSlices, readBody, type BodyResult } from './read-body';
import { countLoopTurns } from '../../../test-support/capture/loop-turns';

let server: Server | undefined;
afterEach(
  () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
);

/** Starts a server that reads one body with the limits and reports the result. */
async function serve(limits: { maxBytes: number; idleTimeoutMs: number }): Promise<{
  port: number;
  result: Promise<BodyResult>;
}> {
  let report: (result: BodyResult) => void = () => undefined;
  const result = new Promise<BodyResult>((resolve) => (report = resolve));
  server = createServer((req, res) => {
    void readBody(req, { ...limits, keepBytes: 8 }).then((outcome) => {
      report(outcome);
      res.setHeader('connection', 'close');
      res.end('done');
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, result };
}

function send(
  port: number,
  chunks: string[],
  options: { length?: number; abortAfter?: boolean } = {},
) {
  const req = request({
    port,
    method: 'POST',
    host: '127.0.0.1',
    headers: options.length !== undefined ? { 'content-length': options.length } : {},
  });
  req.on('error', () => undefined);
  req.on('response', (res) => res.resume());
  for (const chunk of chunks) req.write(chunk);
  if (options.abortAfter) setTimeout(() => req.destroy(), 50);
  else if (options.length === undefined || chunks.join('').length >= options.length) req.end();
  return req;
}

describe('readBody', () => {
  it('returns the whole body', async () => {
    const { port, result } = await serve({ maxBytes: 100, idleTimeoutMs: 1000 });
    send(port, ['idsite=1&', 'rec=1']);
    const outcome = await result;
    expect(outcome.ok && outcome.body.toString()).toBe('idsite=1&rec=1');
  });

  it('refuses a body announced larger than the cap without reading it', async () => {
    const { port, result } = await serve({ maxBytes: 10, idleTimeoutMs: 1000 });
    send(port, ['x'.repeat(50)], { length: 50 });
    expect(await result).toMatchObject({ ok: false, reason: 'too_large', received: 50 });
  });

  it('refuses a streamed body that grows past the cap, keeping its first bytes', async () => {
    const { port, result } = await serve({ maxBytes: 10, idleTimeoutMs: 1000 });
    send(port, ['abcdefgh', 'ijklmnop']);
    const outcome = await result;
    expect(outcome).toMatchObject({ ok: false, reason: 'too_large', received: 16 });
    expect(!outcome.ok && outcome.partial.toString()).toBe('abcdefgh');
  });

  it('gives up on an upload that stalls', async () => {
    const { port, result } = await serve({ maxBytes: 100, idleTimeoutMs: 100 });
    const req = send(port, ['idsite='], { length: 20 });
    const outcome = await result;
    req.destroy();
    expect(outcome).toMatchObject({ ok: false, reason: 'timeout', received: 7 });
  });

  it('notices an upload the client aborts', async () => {
    const { port, result } = await serve({ maxBytes: 100, idleTimeoutMs: 5000 });
    send(port, ['idsite=1'], { length: 50, abortAfter: true });
    expect(await result).toMatchObject({ ok: false, reason: 'aborted', received: 8 });
  });

  it('returns a body of megabytes whole, byte for byte', async () => {
    const { port, result } = await serve({ maxBytes: 8 * 1024 * 1024, idleTimeoutMs: 5000 });
    const body = Array.from({ length: 3 * 1024 * 1024 }, (_, i) =>
      String.fromCharCode(97 + (i % 26)),
    ).join('');
    send(port, [body.slice(0, 1000), body.slice(1000)], { length: body.length });
    const outcome = await result;
    expect(outcome.ok && outcome.body.toString() === body).toBe(true);
  });
});

describe('readBody with the headers already read', () => {
  it('decides from them, never making Node build its own header object', async () => {
    const seen: { touched: boolean; outcomes: BodyResult[] } = { touched: false, outcomes: [] };
    let report: () => void = () => undefined;
    const both = new Promise<void>((resolve) => (report = resolve));
    server = createServer((req, res) => {
      const headers = headersOf(req);
      Object.defineProperty(req, 'headers', {
        get: () => {
          seen.touched = true;
          return {};
        },
      });
      void readBody(req, { maxBytes: 100, idleTimeoutMs: 5000, keepBytes: 8 }, headers).then(
        (outcome) => {
          seen.outcomes.push(outcome);
          res.end();
          if (seen.outcomes.length === 2) report();
        },
      );
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    request({ port, host: '127.0.0.1', path: '/?a=1' }).end();
    send(port, ['x'.repeat(500)], { length: 500 });
    await both;
    expect(seen.touched).toBe(false);
    const reasons = seen.outcomes.map((o) => (o.ok ? `ok ${o.body.length}` : o.reason)).sort();
    expect(reasons).toEqual(['ok 0', 'too_large']);
  });
});

describe('joinInSlices', () => {
  it('joins the pieces of a large body a slice per turn of the event loop', async () => {
    const chunks = Array.from({ length: 80 }, (_, i) => Buffer.alloc(64 * 1024, i));
    const turns = countLoopTurns();
    const joined = await joinInSlices(chunks, 80 * 64 * 1024);
    turns.stop();
    expect(joined.equals(Buffer.concat(chunks))).toBe(true);
    expect(turns.count()).toBeGreaterThan(3);
  });
});
