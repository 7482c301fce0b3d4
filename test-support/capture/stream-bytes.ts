// Reads GET /api/stream as raw bytes: a stall test's monitor counts its own process, and
// parsing events of megabytes as they come would count as the server's stall. The events are
// parsed once the measured part is over.
import { get } from 'node:http';
import { TEST_TOKEN } from './server-harness';

/** Bytes kept from the end of one chunk, so a marker cut in two is still found. */
const OVERLAP = 256;

export interface StreamBytes {
  /** Resolves once `marker` arrives after this call (each chunk searched once, never parsed). */
  until(marker: string): Promise<void>;
  /** The `data` of every `hits` event so far, parsed. */
  hitsEvents(): { hits: { params: Record<string, unknown> }[] }[];
  close(): void;
}

export function openStreamBytes(url: string, path: string): Promise<StreamBytes> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let wanted: { marker: string; done: () => void } | undefined;
    let tail: Buffer = Buffer.alloc(0);
    const req = get(`${url}${path}`, { headers: { authorization: `Bearer ${TEST_TOKEN}` } });
    req.on('response', (res) => {
      res.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        if (wanted && Buffer.concat([tail, chunk]).includes(wanted.marker)) {
          wanted.done();
          wanted = undefined;
        }
        tail = chunk.subarray(-OVERLAP);
      });
      resolve({
        until: (marker) => new Promise((done) => (wanted = { marker, done })),
        hitsEvents: () =>
          Buffer.concat(chunks)
            .toString('utf8')
            .split('\n\n')
            .filter((frame) => frame.startsWith('event: hits\n'))
            .map((frame) => JSON.parse(frame.slice(frame.indexOf('data: ') + 6))),
        close: () => req.destroy(),
      });
    });
    req.on('error', reject);
  });
}
