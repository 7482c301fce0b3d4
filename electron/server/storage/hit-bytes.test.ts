import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  LONG_STRING_BYTES,
  longStringRanges,
  parseJsonBytesInTurns,
  PLAIN_CHUNK_BYTES,
  utf8InTurns,
} from './hit-bytes';

const long = (unit: string): string => unit.repeat(Math.ceil(LONG_STRING_BYTES / unit.length) + 3);

async function parsedInTurns(value: unknown): Promise<{ parsed: unknown; pauses: number }> {
  let pauses = 0;
  const bytes = Buffer.from(JSON.stringify(value));
  const parsed = await parseJsonBytesInTurns(bytes, () => {
    pauses++;
    return Promise.resolve();
  });
  return { parsed, pauses };
}

describe('parseJsonBytesInTurns', () => {
  it('reads megabytes of short values beside a long string a slice of keys at a time', async () => {
    // A bulk entry sent as an object of 100,000 keys: its raw query is long, its parameters
    // are megabytes of short values.
    const params: Record<string, unknown> = { n: 1.5, list: [true, null, { a: 'b' }] };
    for (let n = 0; n < 30_000; n++) params[`p${n}`] = `${'v'.repeat(30)}${n}`;
    Object.defineProperty(params, '__proto__', { value: 'own', enumerable: true });
    const value = { id: 'r.0', params, rawQuery: long('q=v&') };
    const { parsed, pauses } = await parsedInTurns(value);
    expect(parsed).toEqual(JSON.parse(JSON.stringify(value)));
    expect(Object.hasOwn(parsed as object, 'params')).toBe(true);
    expect(Object.getPrototypeOf((parsed as { params: object }).params)).toBe(Object.prototype);
    // Parsed whole, the rest took one turn: 150 ms for 100,000 keys.
    expect(pauses).toBeGreaterThan(10);
  });

  it('gives what JSON.parse gives, each long string decoded after a pause', async () => {
    const value = {
      id: 'r.0',
      params: { x: long('v'), quoted: long('a"\\b'), euro: long('€😀'), short: 'x' },
      rawQuery: `x=${long('v')}`,
      issues: [{ message: long('\u0000\n') }, 'plain'],
      nested: [[long('\ud800')], { deep: long('é') }],
    };
    const { parsed, pauses } = await parsedInTurns(value);
    expect(parsed).toEqual(JSON.parse(JSON.stringify(value)));
    // Seven long strings, each after a pause, and one before they are put back.
    expect(pauses).toBe(8);
  });

  it('leaves a long key in place and parses a text of short strings whole', async () => {
    const value = { [long('k')]: long('v'), other: 'o' };
    expect((await parsedInTurns(value)).parsed).toEqual(value);
    const short = { a: 'b'.repeat(100), c: ['d'] };
    expect(await parsedInTurns(short)).toEqual({ parsed: short, pauses: 0 });
  });

  it('does not take a text that spells out a stand-in for one', async () => {
    const value = { a: '\u0000long-0', b: long('v'), c: '\u0000long-x-0' };
    expect((await parsedInTurns(value)).parsed).toEqual(value);
  });

  it('finds the ends of strings past escaped quotes and backslashes', () => {
    const text = JSON.stringify([`\\${long('"')}\\`, 'x"\\', long('\\')]);
    const ranges = longStringRanges(Buffer.from(text));
    expect(ranges.map(([start, end]) => JSON.parse(text.slice(start, end)) as string)).toEqual([
      `\\${long('"')}\\`,
      long('\\'),
    ]);
  });

  it('decodes an escaped string of megabytes in chunks, whatever escape a chunk edge cuts', async () => {
    // JSON text written by hand: escapes of every length (\", \\, \n, \u0001, a surrogate
    // pair written as two \u escapes, a lone one) and multibyte characters, shifted by one
    // byte per round so the chunk edges fall at every place inside them.
    const unit = String.raw`a\"\\b\n\u0001é€😀\ud83d\ude00\ud800x`;
    const body = unit.repeat(Math.ceil((1.1 * 1024 * 1024) / unit.length));
    for (let shift = 0; shift < Buffer.byteLength(unit); shift++) {
      const text = `{"request":{"id":"r1","body":"${'s'.repeat(shift)}${body}"}}`;
      let pauses = 0;
      const parsed = await parseJsonBytesInTurns(Buffer.from(text), () => {
        pauses++;
        return Promise.resolve();
      });
      expect(parsed).toEqual(JSON.parse(text));
      expect(pauses).toBeGreaterThan(3);
    }
  });

  it('decodes a string of megabytes without escapes a chunk per turn', async () => {
    const value = { id: 'r.0', params: { x: long('v').repeat(80) }, rawQuery: long('é€😀') };
    const { parsed, pauses } = await parsedInTurns(value);
    expect(parsed).toEqual(value);
    // Decoded whole, the 16 MB of a long value held the loop for 40 ms and more.
    expect(pauses).toBeGreaterThan((5 * 1024 * 1024) / PLAIN_CHUNK_BYTES);
  });
});

describe('utf8InTurns', () => {
  // Bytes of every kind: ASCII, continuations, leads of 2 to 4 bytes, invalid leads, a BOM.
  const someByte = fc.oneof(
    fc.integer({ min: 0, max: 0x7f }),
    fc.integer({ min: 0x80, max: 0xbf }),
    fc.integer({ min: 0xc0, max: 0xff }),
    fc.constantFrom(0xef, 0xbb, 0xbf, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80),
  );
  const noPause = () => Promise.resolve();

  it('gives the text toString gives for the whole, UTF-8 or not, wherever chunks end', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(someByte, { maxLength: 80 }),
        fc.integer({ min: 4, max: 12 }),
        async (values, chunkBytes) => {
          const bytes = Buffer.from(values);
          const whole = bytes.toString('utf8');
          expect(await utf8InTurns(bytes, 0, bytes.length, noPause, chunkBytes)).toBe(whole);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
