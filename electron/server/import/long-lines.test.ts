// Lines of megabytes in an import file: the server parses them in slices (no JSON.parse of a
// whole one), and reads the same requests and skips as the reading at once does.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { longestParsed } from '../../../test-support/capture/longest-parse';
import { TextPieces } from '../admin/text-pieces';
import type { ImportItem } from './import-item';
import { LONG_LINE_CHARS } from './long-lines';
import {
  itemsInSlices,
  itemsOf,
  readImportFile,
  readImportFileInSlices,
  type ImportFile,
} from './read-import-file';

const options = { isTrackingPath: (path: string) => path.endsWith('.php') };

afterEach(() => {
  vi.restoreAllMocks();
});

function hitLine(requestId: string, second: number, value: string): string {
  return JSON.stringify({
    requestId,
    index: 0,
    transport: 'post',
    method: 'POST',
    path: '/matomo.php',
    rawQuery: `idsite=1&rec=1&x=${value}`,
    receivedAt: `2026-05-05T10:00:0${second}.000Z`,
  });
}

/** A captured request, whose body is the long part. */
function captureLine(second: number, body: string): string {
  return JSON.stringify({
    method: 'POST',
    path: '/matomo.php',
    query: '',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `idsite=1&rec=1&y=${body}`,
    receivedAt: `2026-05-05T10:00:0${second}.000Z`,
  });
}

const long = (char: string) => char.repeat(3 * LONG_LINE_CHARS);

/** Later first in the file, so the order by time differs from the file's. */
const LINES = [
  hitLine('late', 5, long('a')),
  captureLine(4, long('b')),
  // Not JSON: skipped with JSON.parse's reason, as a short broken line is (whose position
  // only JSON.parse of the whole line gives).
  `{"requestId": "broken", ${long(' ')}`,
  ' '.repeat(2 * LONG_LINE_CHARS),
  hitLine('short', 1, 'c'),
  hitLine('late', 6, long('d')),
];

/**
 * An item with its body's bytes as one string (and the kind of array they came in): the
 * matcher compares a byte array element by element, seconds for bodies of megabytes.
 */
function comparable(item: ImportItem) {
  const { body } = item.raw;
  const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('latin1');
  return { ...item, raw: { ...item.raw, body: { array: body.constructor.name, bytes } } };
}

async function itemsInSlicesOf(file: ImportFile) {
  const items = [];
  for await (const item of itemsInSlices(file)) items.push(item);
  return items;
}

describe('an import file with lines of megabytes', () => {
  it('is read in slices as it is at once, no line parsed whole', async () => {
    const content = LINES.join('\n');
    const unbroken = LINES.map((line, i) => (i === 2 ? '' : line)).join('\n');
    const whole = readImportFile(content, options);
    const expected = [...itemsOf(whole)];
    // Pieces shorter than a line, so a long line spans several of them.
    const piecesOf = (text: string) => new TextPieces(text.match(/[^]{1,100000}/g) ?? []);
    const longest = longestParsed();
    await itemsInSlicesOf(await readImportFileInSlices(piecesOf(unbroken), options));
    expect(longest()).toBeLessThanOrEqual(LONG_LINE_CHARS + 2);
    vi.restoreAllMocks();
    const sliced = await readImportFileInSlices(piecesOf(content), options);
    const items = await itemsInSlicesOf(sliced);
    expect(items.map((item) => item.place)).toEqual([
      { lines: [5] },
      { lines: [2] },
      { lines: [1] },
    ]);
    expect(items.map(comparable)).toEqual(expected.map(comparable));
    expect(sliced.skips.listed()).toEqual(whole.skips.listed());
    expect(sliced.skips.listed()).toEqual([
      { line: 3, reason: expect.stringMatching(/^not JSON \(/) as unknown },
      { line: 6, reason: expect.stringContaining('it repeats the post request') as unknown },
    ]);
    expect(Buffer.from(items[2]!.raw.body).toString()).toBe(`idsite=1&rec=1&x=${long('a')}`);
  });
});

describe('an exported hit of a raw query of megabytes', () => {
  it('is sent again from the pieces its query was read in, never joined into one string', async () => {
    const content = [hitLine('long', 2, long('é')), hitLine('short', 1, 'c')].join('\n');
    const expected = [...itemsOf(readImportFile(content, options))];
    const join = TextPieces.prototype.join;
    let longestJoined = 0;
    vi.spyOn(TextPieces.prototype, 'join').mockImplementation(function (this: TextPieces) {
      longestJoined = Math.max(longestJoined, this.length);
      return join.call(this);
    });
    const items = await itemsInSlicesOf(
      await readImportFileInSlices(new TextPieces(content.match(/[^]{1,100000}/g) ?? []), options),
    );
    expect(longestJoined).toBeLessThan(LONG_LINE_CHARS);
    vi.restoreAllMocks();
    expect(items.map(comparable)).toEqual(expected.map(comparable));
  });
});

describe('TextPieces#range', () => {
  it('is the slice of the text, across pieces, without joining them', () => {
    const text = new TextPieces(['ab', '', 'cde', 'f']);
    expect(text.range(1, 5).pieces).toEqual(['b', '', 'cde']);
    expect(text.range(1, 5).join()).toBe('bcde');
    expect(text.range(3, 3).length).toBe(0);
    expect(text.range(0, 6).join()).toBe('abcdef');
  });
});
