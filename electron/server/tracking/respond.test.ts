import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { writeAnswer } from './respond';

type Answer = { status: number; reason: string; raw: string[]; body: string };

let close: (() => Promise<void>) | null = null;
afterEach(async () => {
  await close?.();
  close = null;
});

/** The answer as it arrives on the wire, written by `write` on a real server. */
async function answerOf(write: (res: ServerResponse) => void): Promise<Answer> {
  const server = createServer((_req, res) => write(res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  close = () => new Promise((resolve) => server.close(() => resolve()));
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/', agent: false });
    req.on('response', (res: IncomingMessage) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          reason: res.statusMessage ?? '',
          raw: res.rawHeaders,
          body,
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

const named = (raw: string[], name: string) =>
  raw.filter((_, i) => i % 2 === 1 && raw[i - 1]?.toLowerCase() === name);

describe('writeAnswer', () => {
  it('sends the given content type once, replacing one among the headers', async () => {
    const answer = await answerOf((res) =>
      writeAnswer(res, 200, { 'content-type': 'text/html', 'cache-control': 'no-store' }, 'Ünï', {
        contentType: 'text/plain; charset=utf-8',
      }),
    );
    expect(named(answer.raw, 'content-type')).toEqual(['text/plain; charset=utf-8']);
    expect(named(answer.raw, 'cache-control')).toEqual(['no-store']);
    expect(named(answer.raw, 'content-length')).toEqual([String(Buffer.byteLength('Ünï'))]);
    expect(answer.body).toBe('Ünï');
  });

  it('keeps a content type among the headers when none is given apart', async () => {
    const answer = await answerOf((res) =>
      writeAnswer(res, 400, { 'content-type': 'image/gif' }, new Uint8Array([71, 73, 70]), {
        close: true,
      }),
    );
    expect(answer.status).toBe(400);
    expect(named(answer.raw, 'content-type')).toEqual(['image/gif']);
    expect(named(answer.raw, 'connection')).toEqual(['close']);
    expect(answer.body).toBe('GIF');
  });

  it('answers 204 with Matomo’s reason phrase and no body or length', async () => {
    const answer = await answerOf((res) =>
      writeAnswer(res, 204, { 'access-control-allow-origin': '*' }, 'ignored'),
    );
    expect(answer.status).toBe(204);
    expect(answer.reason).toBe('No Response');
    expect(named(answer.raw, 'content-length')).toEqual([]);
    expect(named(answer.raw, 'access-control-allow-origin')).toEqual(['*']);
    expect(answer.body).toBe('');
  });
});
