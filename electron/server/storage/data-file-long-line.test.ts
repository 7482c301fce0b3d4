// A line of megabytes read back at a restart: it reaches the sink whole and byte for byte, yet
// the reader never joins its chunks on the event loop (a join of 16 MB took one turn of
// 50–100 ms); the line is read at its offset off the loop once its newline is found.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OVERLONG_COPY_BYTES, readLines } from './data-file';

const MB = 1024 * 1024;
let dir = '';
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

/** A line of `bytes` bytes whose every 4 KB differs, so a misplaced chunk shows. */
function longLine(bytes: number, mark: string): Buffer {
  const line = Buffer.alloc(bytes, mark);
  for (let at = 0; at + 8 <= bytes; at += 4096) line.write(String(at).padStart(8, '0'), at);
  return line;
}

async function readAll(path: string, limit: number, maxLineBytes?: number) {
  const lines: { number: number; bytes: Buffer }[] = [];
  const overlong: { number: number; head: Buffer; bytes: number; offset: number }[] = [];
  await readLines(
    path,
    limit,
    {
      line: (bytes, number) => void lines.push({ number, bytes: Buffer.from(bytes) }),
      overlong: (number, head, bytes, offset) =>
        void overlong.push({ number, head, bytes, offset }),
    },
    maxLineBytes,
  );
  return { lines, overlong };
}

describe('reading back a line of megabytes', () => {
  it('hands it over whole without joining its chunks on the event loop', async () => {
    dir = mkdtempSync(join(tmpdir(), 'hitscope-long-line-'));
    const path = join(dir, 'lines.ndjson');
    const big = longLine(16 * MB + 123, 'a');
    const second = longLine(3 * MB, 'b');
    const file = Buffer.concat([
      Buffer.from('first\n'),
      big,
      Buffer.from('\n\nshort\n'),
      second,
      Buffer.from('\nlast\n'),
    ]);
    writeFileSync(path, file);
    const concat = vi.spyOn(Buffer, 'concat');

    const { lines, overlong } = await readAll(path, file.length);

    expect(overlong).toEqual([]);
    expect(lines.map((line) => [line.number, line.bytes.length])).toEqual([
      [1, 5],
      [2, big.length],
      [4, 5],
      [5, second.length],
      [6, 4],
    ]);
    expect(lines[1]?.bytes.equals(big)).toBe(true);
    expect(lines[3]?.bytes.equals(second)).toBe(true);
    const joined = concat.mock.results.map((result) => (result.value as Buffer).length);
    expect(Math.max(0, ...joined)).toBeLessThanOrEqual(MB);
  });

  it('sets aside a line over the cap with its head, and leaves a cut last line out', async () => {
    dir = mkdtempSync(join(tmpdir(), 'hitscope-long-line-'));
    const path = join(dir, 'lines.ndjson');
    const big = longLine(6 * MB, 'c');
    const cut = longLine(2 * MB, 'd');
    const file = Buffer.concat([Buffer.from('a\n'), big, Buffer.from('\nb\n'), cut]);
    writeFileSync(path, file);

    const { lines, overlong } = await readAll(path, file.length, 4 * MB);

    expect(lines.map((line) => line.bytes.toString())).toEqual(['a', 'b']);
    expect(lines.map((line) => line.number)).toEqual([1, 3]);
    expect(overlong).toHaveLength(1);
    expect(overlong[0]).toMatchObject({ number: 2, bytes: big.length, offset: 2 });
    expect(overlong[0]?.head.equals(big.subarray(0, OVERLONG_COPY_BYTES))).toBe(true);
  });
});
