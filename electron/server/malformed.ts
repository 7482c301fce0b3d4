// Bytes that are not HTTP (binary garbage, TLS sent to the plain port, a header block over
// the parser's cap) never reach a request handler: Node reports them as client errors.
// They are answered with a short 400/431 and still recorded as failed requests, so a
// misconfigured tracker shows up in the UI instead of vanishing.
import type { Socket } from 'node:net';
import type { HitStore, ServerLogger } from './contracts';
import { requestRecord } from './dto';
import { refusalIssue, refusals } from './tracking/refusals';

const KEEP_BYTES = 4096;

export function recordMalformed(
  error: NodeJS.ErrnoException & { rawPacket?: Buffer },
  socket: Socket,
  deps: { store: HitStore; logger: ServerLogger; nextId: () => string },
): void {
  // Connection resets and idle timeouts are not requests: nothing to record.
  if (!error.code?.startsWith('HPE_') || !socket.writable) {
    socket.destroy();
    return;
  }
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const status = tooLarge ? 431 : 400;
  const refusal = refusals.malformed(
    tooLarge ? 'the request line and headers are too large' : error.message,
  );
  const text = `${refusal.message}\n${refusal.hint}\n`;
  const packet = error.rawPacket ?? Buffer.alloc(0);
  const record = requestRecord(
    {
      method: '',
      path: '',
      query: '',
      headers: {},
      body: packet.subarray(0, KEEP_BYTES),
      remoteAddress: socket.remoteAddress ?? '',
    },
    {
      id: deps.nextId(),
      receivedAt: new Date(),
      received: packet.length,
      issues: [refusalIssue(refusal)],
      error: { code: refusal.code, message: refusal.message },
      response: {
        status,
        headers: {},
        contentType: 'text/plain; charset=utf-8',
        body: text,
        bodyKind: 'text',
        durationMs: 0,
      },
    },
    [],
  );
  const answer = () =>
    socket.end(
      `HTTP/1.1 ${status} ${tooLarge ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
        `Content-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
    );
  deps.logger.log('warn', 'Malformed HTTP received', {
    code: error.code,
    remote: socket.remoteAddress,
  });
  deps.store.add(record, []).then(answer, (storeError: Error) => {
    deps.logger.log('error', 'A malformed request could not be stored', {
      err: storeError.message,
    });
    answer();
  });
}
