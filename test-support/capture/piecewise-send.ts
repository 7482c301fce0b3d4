// A POST whose body is written in pieces once the connection is open, waiting for each piece
// to drain. The stall monitor counts every callback of the process, the client's own too: a
// body of many megabytes handed to the socket at once is copied in one callback of the client
// (Node writes whatever was queued before the connection in one go), and so is a long text
// turned into bytes: either would count as a stall of the server under test. A text body is
// encoded a piece at a time (writeInPieces, which the test server's send uses too); the caller
// reads the answer's text after measuring.
import { request, type ClientRequest } from 'node:http';

const PIECE_BYTES = 64 * 1024;

export function sendInPieces(
  url: string,
  bytes: Buffer,
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      agent: false,
      headers: { ...headers, 'content-length': bytes.length },
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        // Turned into text when read, after the measure: an answer of megabytes decoded here
        // held this callback for tens of milliseconds, counted as the server's stall.
        let text: string | undefined;
        resolve({
          status: res.statusCode ?? 0,
          get text() {
            return (text ??= Buffer.concat(chunks).toString('utf8'));
          },
        });
      });
    });
    req.on('error', reject);
    writeInPieces(req, bytes, reject);
  });
}

/**
 * Ends `req` with `body`, written a piece at a time once the connection is open, each piece
 * waited for to drain. A text is turned into bytes a piece at a time too, never cutting a
 * surrogate pair (whose halves would each become U+FFFD).
 */
export function writeInPieces(
  req: ClientRequest,
  body: string | Buffer,
  reject: (error: unknown) => void,
): void {
  req.on('socket', (socket) => {
    const write = async () => {
      for (let at = 0; at < body.length;) {
        let to = Math.min(body.length, at + PIECE_BYTES);
        if (typeof body === 'string' && isHighSurrogate(body.charCodeAt(to - 1))) to++;
        const more = req.write(
          typeof body === 'string' ? body.slice(at, to) : body.subarray(at, to),
        );
        if (!more) await new Promise((drained) => req.once('drain', drained));
        at = to;
      }
      req.end();
    };
    const start = () => void write().catch(reject);
    if (socket.connecting) socket.once('connect', start);
    else start();
  });
}

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
