// A stored hit of many parameters is read back and written out without megabytes of it made
// into one text, and without its listed names listed again (no timing involved: the sizes of
// the texts made and the listings of the names are counted).
import { describe, expect, it } from 'vitest';
import { countingRecord } from '../../../test-support/capture/counting-record';
import { LONG_STRING_BYTES, parseJsonBytesInTurns } from './hit-bytes';
import { jsonInSlices } from './json-in-slices';

const NAMES = 50_000;
const pause = () => Promise.resolve();

function manyParams(): Record<string, string> {
  const params: Record<string, string> = {};
  for (let n = 0; n < NAMES; n++) params[`p${n}`] = `value ${n}`;
  return params;
}

describe('a stored hit of many parameters and one long string', () => {
  it('is parsed back without its megabytes of short values made into one text', async () => {
    const hit = { id: 'h', rawQuery: 'q'.repeat(LONG_STRING_BYTES * 2), params: manyParams() };
    const bytes = Buffer.from(JSON.stringify(hit));
    let longestText = 0;
    // Every text the parse makes of the bytes themselves.
    bytes.toString = function (this: Buffer, ...args: Parameters<Buffer['toString']>) {
      const [, start = 0, end = this.length] = args;
      longestText = Math.max(longestText, end - start);
      return Buffer.prototype.toString.apply(this, args);
    };
    expect(await parseJsonBytesInTurns(bytes, pause)).toEqual(hit);
    expect(bytes.length).toBeGreaterThan(1024 * 1024);
    expect(longestText).toBeLessThanOrEqual(LONG_STRING_BYTES * 2);
  });
});

describe('a hit of many parameters whose parse listed their names', () => {
  it('is written as JSON without listing them again', async () => {
    const { record, listings } = countingRecord(manyParams());
    const pieces = await jsonInSlices({ id: 'h', params: record }, pause);
    expect(JSON.parse(Buffer.concat(pieces).toString())).toEqual({
      id: 'h',
      params: manyParams(),
    });
    expect(listings()).toBe(0);
  });
});
