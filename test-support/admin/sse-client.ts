// A Server-Sent Events reader for tests: keeps every event and comment in arrival order.
import http from 'node:http';

export interface SseMessage {
  event: string;
  data: unknown;
}

export interface SseClient {
  status: number;
  headers: http.IncomingHttpHeaders;
  messages: SseMessage[];
  comments: string[];
  /** Resolves when the server ends the response. */
  ended: Promise<void>;
  /** Resolves when a message satisfies `predicate` (checks past messages too). */
  until(predicate: (messages: SseMessage[]) => boolean, timeoutMs?: number): Promise<void>;
  /** Stops reading, like a stuck client: the server's send buffer fills up. */
  pause(): void;
  close(): void;
}

export function openSse(url: string, headers: Record<string, string>): Promise<SseClient> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers }, (res) => {
      const messages: SseMessage[] = [];
      const comments: string[] = [];
      const waiters = new Set<() => void>();
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let event = 'message';
          const data: string[] = [];
          for (const line of frame.split('\n')) {
            if (line.startsWith(':')) comments.push(line.slice(1).trim());
            else if (line.startsWith('event: ')) event = line.slice(7);
            else if (line.startsWith('data: ')) data.push(line.slice(6));
          }
          if (data.length > 0) messages.push({ event, data: JSON.parse(data.join('\n')) });
        }
        for (const waiter of waiters) waiter();
      });
      const ended = new Promise<void>((done) => res.on('end', done));
      resolve({
        ended,
        status: res.statusCode ?? 0,
        headers: res.headers,
        messages,
        comments,
        until(predicate, timeoutMs = 3000) {
          return new Promise((done, fail) => {
            const check = () => {
              if (!predicate(messages)) return;
              waiters.delete(check);
              clearTimeout(timer);
              done();
            };
            const timer = setTimeout(() => {
              waiters.delete(check);
              fail(
                new Error(`SSE condition not met; got ${messages.map((m) => m.event).join(',')}`),
              );
            }, timeoutMs);
            waiters.add(check);
            check();
          });
        },
        pause: () => res.pause(),
        close: () => req.destroy(),
      });
    });
    req.on('error', reject);
  });
}
