// The headers the engine reads, as received: names lower-cased, a repeated header one list
// joined with ", " (cookies with "; "), whatever Node itself keeps of a repeated header.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { headersOf } from './raw-request';

let server: Server | undefined;
afterEach(
  () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
);

/** headersOf of a request sent with exactly these header lines, and Node's own object. */
async function received(lines: string[]): Promise<{ ours: object; node: object }> {
  let seen: (value: { ours: object; node: object }) => void = () => undefined;
  const result = new Promise<{ ours: object; node: object }>((resolve) => (seen = resolve));
  server = createServer((req: IncomingMessage, res) => {
    const ours = headersOf(req);
    seen({ ours, node: req.headers });
    res.end();
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const socket = connect(port, '127.0.0.1');
  socket.on('error', () => undefined);
  socket.end(`GET /matomo.php?idsite=1 HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`);
  const value = await result;
  socket.destroy();
  return value;
}

describe('headersOf', () => {
  it('takes the object Node made when no name repeats: no second copy per request', async () => {
    const { ours, node } = await received([
      'Host: example.org',
      'User-Agent: UA',
      'Accept-Language: de',
      'X-Custom: A',
    ]);
    expect(Object.entries(ours)).toEqual([
      ['host', 'example.org'],
      ['user-agent', 'UA'],
      ['accept-language', 'de'],
      ['x-custom', 'A'],
    ]);
    expect(ours).toBe(node);
  });

  it('joins repeated headers itself, also those Node keeps one of', async () => {
    const { ours } = await received([
      'Host: example.org',
      'User-Agent: first',
      'X-Custom: a',
      'user-agent: second',
      'Cookie: a=1',
      'X-CUSTOM: b',
      'cookie: b=2',
    ]);
    expect(Object.entries(ours)).toEqual([
      ['host', 'example.org'],
      ['user-agent', 'first, second'],
      ['x-custom', 'a, b'],
      ['cookie', 'a=1; b=2'],
    ]);
  });

  it('keeps a lone Set-Cookie as text, where Node makes a list of it', async () => {
    const { ours, node } = await received(['Host: example.org', 'Set-Cookie: a=1']);
    expect(Object.entries(ours)).toEqual([
      ['host', 'example.org'],
      ['set-cookie', 'a=1'],
    ]);
    expect(node).toMatchObject({ 'set-cookie': ['a=1'] });
  });
});
