// An import's body of megabytes is read without ever becoming one string: its decoded chunks
// and the decoded parts of its "content" are read as pieces, and the file's lines are split
// across their borders (a character of several UTF-8 bytes cut between two chunks, a \r\n
// cut between its two characters) to the same result as the whole file read at once.
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { itemsOf, readImportFile, readImportFileInSlices } from '../import/read-import-file';
import { readJsonBody } from './body';
import type { TextPieces } from './text-pieces';

const options = { isTrackingPath: (path: string) => path.endsWith('.php') };
const MB = 1024 * 1024;

/** A request whose body arrives as `chunks`. */
function requestOf(chunks: Buffer[]): IncomingMessage {
  const req = Readable.from(chunks) as unknown as IncomingMessage;
  req.headers = { 'content-type': 'application/json' };
  return req;
}

/** Captured requests, one a line ended by \r\n, with characters of two, three and four bytes. */
function captureFile(lines: number): string {
  return Array.from({ length: lines }, (_, n) =>
    JSON.stringify({
      method: 'GET',
      path: '/matomo.php',
      query: `idsite=1&rec=1&action_name=Caf%C3%A9${n}&x=${'é€😀'.repeat(n % 7)}${'v'.repeat(600)}`,
      headers: { 'User-Agent': `agent é€😀 ${n}` },
      ts: new Date(Date.UTC(2026, 0, 1, 0, 0, n % 60)).toISOString(),
    }),
  ).join('\r\n');
}

/**
 * `bytes` cut into chunks of about 64 KB, each cut moved onto the next place that is
 * `awkward` (inside a character of several bytes, a line end's escapes).
 */
function chunksOf(bytes: Buffer, awkward: (bytes: Buffer, at: number) => boolean): Buffer[] {
  const chunks: Buffer[] = [];
  let from = 0;
  while (from < bytes.length) {
    let to = Math.min(from + 64 * 1024, bytes.length);
    while (to < bytes.length && !awkward(bytes, to)) to++;
    chunks.push(bytes.subarray(from, to));
    from = to;
  }
  return chunks;
}
const insideCharacter = (bytes: Buffer, at: number) => (bytes[at]! & 0xc0) === 0x80;
/** Inside the JSON text `\r\n` of a line end: between its escapes, or inside the second. */
const betweenCrLf = (bytes: Buffer, at: number) =>
  bytes.toString('latin1', at - 2, at + 2) === '\\r\\n';
const insideEscape = (bytes: Buffer, at: number) =>
  bytes.toString('latin1', at - 1, at + 1) === '\\n';

/** Every string Array#join makes while `run` runs, by its length: the longest. */
async function longestJoin(run: () => Promise<void>): Promise<number> {
  const join = Array.prototype.join;
  let longest = 0;
  Array.prototype.join = function (this: unknown[], separator?: string) {
    const joined = join.call(this, separator);
    longest = Math.max(longest, joined.length);
    return joined;
  };
  try {
    await run();
  } finally {
    Array.prototype.join = join;
  }
  return longest;
}

describe('an import body of megabytes', () => {
  it('is read as pieces: no join makes a string of more than a megabyte', async () => {
    const content = captureFile(3_000);
    expect(content.length).toBeGreaterThan(2 * MB);
    const bytes = Buffer.from(JSON.stringify({ content, name: 'capture.ndjson' }));
    const expected = readImportFile(content, options);
    for (const awkward of [insideCharacter, betweenCrLf, insideEscape]) {
      const chunks = chunksOf(bytes, awkward);
      let read: unknown;
      let file: Awaited<ReturnType<typeof readImportFileInSlices>> | undefined;
      const longest = await longestJoin(async () => {
        read = await readJsonBody(requestOf(chunks), 32 * MB, new Set(['content']));
        const { content: pieces } = read as { content: TextPieces };
        file = await readImportFileInSlices(pieces, options);
      });
      expect(longest).toBeLessThanOrEqual(MB + 64 * 1024);
      const { content: pieces } = read as { content: TextPieces };
      // Decoded a quarter megabyte of JSON text at a time.
      expect(Math.max(...pieces.pieces.map((piece) => piece.length))).toBeLessThanOrEqual(MB / 4);
      expect(pieces.join()).toBe(content);
      const items = [...itemsOf(file!)];
      expect(items).toHaveLength(3_000);
      expect(items).toEqual([...itemsOf(expected)]);
      expect({ ...file!, requests: null }).toEqual({ ...expected, requests: null });
    }
  });
});
