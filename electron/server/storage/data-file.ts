// Reading the NDJSON data file back: repair a torn tail left by a kill during a write
// (that line was never acknowledged), then stream complete lines without holding the
// whole file in memory.
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';

const NEWLINE = 0x0a;

/**
 * Cuts the file after its last newline, so a half-written last line (the process died
 * mid-write) neither breaks the load nor glues onto the next append. Returns the bytes cut.
 */
export async function repairTornTail(path: string): Promise<number> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    return 0;
  }
  if (size === 0) return 0;
  const handle = await open(path, 'r+');
  try {
    const chunk = Buffer.alloc(Math.min(size, 64 * 1024));
    let end = size;
    while (end > 0) {
      const start = Math.max(0, end - chunk.length);
      const length = end - start;
      await handle.read(chunk, 0, length, start);
      const at = chunk.subarray(0, length).lastIndexOf(NEWLINE);
      if (at >= 0) {
        const keep = start + at + 1;
        if (keep < size) await handle.truncate(keep);
        return size - keep;
      }
      end = start;
    }
    await handle.truncate(0);
    return size;
  } finally {
    await handle.close();
  }
}

/** Calls `onLine` for each complete line among the first `limit` bytes of the file. */
export async function readLines(
  path: string,
  limit: number,
  onLine: (line: string) => void,
): Promise<void> {
  if (limit <= 0) return;
  const stream = createReadStream(path, { start: 0, end: limit - 1, highWaterMark: 1024 * 1024 });
  let pending: Buffer[] = [];
  for await (const data of stream as AsyncIterable<Buffer>) {
    let from = 0;
    for (let at = data.indexOf(NEWLINE); at >= 0; at = data.indexOf(NEWLINE, from)) {
      const piece = data.subarray(from, at);
      const line =
        pending.length > 0
          ? Buffer.concat([...pending, piece]).toString('utf8')
          : piece.toString('utf8');
      pending = [];
      if (line.length > 0) onLine(line);
      from = at + 1;
    }
    if (from < data.length) pending.push(data.subarray(from));
  }
}
