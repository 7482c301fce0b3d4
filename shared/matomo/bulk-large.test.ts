// Bulk bodies of megabytes are decoded and parsed in steps (a server answers between them),
// with exactly the result of decoding and parsing them whole.
import { describe, expect, it } from 'vitest';
import { analyzeRequestInSlices } from './analyze';
import { drain } from '../steps';
import { isBulkBody, parseBulkBody, parseBulkBytesSteps } from './bulk';
import fc from 'fast-check';
import { isBulkBytesSteps } from './bulk-bytes';
import { parseRequest, parseRequestSteps } from './parse';
import type { RawRequest } from './types';
import { decodeUtf8, decodeUtf8Steps, isUtf8Steps } from './utf8';
import { countLoopTurns } from '../../test-support/capture/loop-turns';
import { countSteps } from '../../test-support/capture/count-steps';

const MB = 1024 * 1024;
const bulkRequest = (body: string | Uint8Array): RawRequest => ({
  method: 'POST',
  path: '/matomo.php',
  query: '',
  headers: {},
  body: typeof body === 'string' ? new TextEncoder().encode(body) : body,
});
/** One entry of about `size` characters: a single step of the entry loop. */
const oneLargeEntry = (size: number) =>
  JSON.stringify({ requests: [`?idsite=1&rec=1&action_name=Big&x=${'p'.repeat(size)}`] });

describe('a bulk body of megabytes', () => {
  it('is decoded in steps to exactly the text of one decoding, sequences cut between steps too', () => {
    const text = `{"requests":["?a=${'é😀x'.repeat(MB)}"]}`;
    const bytes = new TextEncoder().encode(text);
    const decoded = countSteps(decodeUtf8Steps(bytes));
    expect(decoded.value).toStrictEqual(decodeUtf8(bytes));
    expect(decoded.value.valid).toBe(true);
    expect(decoded.steps).toBeGreaterThan(3);
    // Bytes that are not UTF-8, one of them at the very end.
    const broken = new Uint8Array(
      Buffer.concat([
        bytes.subarray(0, 3 * MB),
        Uint8Array.of(0xff, 0xc3),
        bytes,
        Uint8Array.of(0xe2),
      ]),
    );
    expect(countSteps(decodeUtf8Steps(broken)).value).toStrictEqual(decodeUtf8(broken));
  });

  it('is UTF-8 or not, and decoded, as one decoding says, ASCII megabytes before a sequence included', () => {
    const ascii = new TextEncoder().encode(`{"requests":["?a=${'x'.repeat(3 * MB)}"]}`);
    const at = (offset: number, ...inserted: number[]) => {
      const bytes = ascii.slice();
      bytes.set(inserted, offset);
      return bytes;
    };
    const cases = [
      ascii,
      // A sequence cut between two steps, after whole steps of ASCII.
      at(MB - 1, 0xc3, 0xa9),
      at(2 * MB - 2, 0xf0, 0x9f, 0x98, 0x80),
      at(2 * MB + 5, 0xff),
      at(MB - 1, 0xc3),
      // A lead byte without its end, last.
      at(ascii.length - 1, 0xe2),
      // Not four-byte aligned in its buffer.
      at(MB + 7, 0xc3, 0xa9).subarray(1),
      at(MB + 7, 0xa9).subarray(3),
    ];
    expect(cases.map((bytes) => countSteps(isUtf8Steps(bytes)).value)).toStrictEqual(
      cases.map((bytes) => decodeUtf8(bytes).valid),
    );
    for (const bytes of cases) {
      expect(countSteps(decodeUtf8Steps(bytes)).value).toStrictEqual(decodeUtf8(bytes));
    }
    // A step per megabyte, and the join of the pieces one of its own, announced before it
    // (so that a runner in slices gives it a turn of its own).
    expect(countSteps(decodeUtf8Steps(ascii)).steps).toBe(Math.ceil(ascii.length / MB) + 2);
    expect(cases.map((bytes) => decodeUtf8(bytes).valid)).toStrictEqual([
      true,
      true,
      true,
      false,
      false,
      false,
      true,
      false,
    ]);
  });

  it('is parsed in steps to the entries of one parse, line breaks deleted as Matomo does', () => {
    const requests = Array.from(
      { length: 30_000 },
      (_, n) => `?idsite=1&rec=1&action_name=P${n}&x=${'p'.repeat(40)}`,
    );
    // Raw line breaks inside strings too: JSON refuses them, Matomo deletes them first.
    const body = `  ${JSON.stringify({ token_auth: 'abc', requests }, null, 1)}\n`.replaceAll(
      'action_name=P',
      'action_name=\r\nP',
    );
    expect(body.length).toBeGreaterThan(MB);
    const parsed = parseBulkBody(body, true);
    expect(parsed.issues).toStrictEqual([]);
    expect(parsed.bulk.tokenAuth).toBe('abc');
    const whole = JSON.parse(body.replace(/[\r\n]/g, '')) as { requests: string[] };
    expect(parsed.entries.map((entry) => `?${entry.rawQuery}`)).toStrictEqual(whole.requests);
  });

  it('says why it is not JSON in the words of one parse', () => {
    const body = `${oneLargeEntry(2 * MB).slice(0, -2)}, oops]}`;
    let reason = '';
    try {
      JSON.parse(body);
    } catch (error) {
      reason = (error as Error).message;
    }
    const [issue] = parseBulkBody(body, true).issues;
    expect(issue?.code).toBe('bulk.json_invalid');
    expect(issue?.message).toContain(`not valid JSON (${reason})`);
  });

  it('gives the event loop turns while one large entry is decoded and parsed', async () => {
    const raw = bulkRequest(oneLargeEntry(6 * MB));
    // Decoding, line breaks, the outline and the entry: many steps for one entry.
    expect(countSteps(parseRequestSteps(raw)).steps).toBeGreaterThan(6);
    const turns = countLoopTurns();
    const analysis = await analyzeRequestInSlices(
      raw,
      { now: Date.now(), sites: [] },
      { pause: () => new Promise((resolve) => setImmediate(resolve)), sliceMs: 0 },
    );
    turns.stop();
    expect(analysis.hits).toHaveLength(1);
    expect(turns.count()).toBeGreaterThan(6);
  });

  it('is read from its bytes to exactly what its text gives', () => {
    const requests = Array.from({ length: 8_000 }, (_, n) =>
      n % 3 === 0
        ? { idsite: 1, action_name: `Page é${n}`, cvar: { '1': ['k', 'v😀'] } }
        : `?idsite=1&rec=1&action_name=P${n}&x=${'p'.repeat(200)}`,
    );
    const text = `\n ${JSON.stringify({ token_auth: 'abc', send_image: 0, requests }, null, 1)}\r\n`;
    const bytes = new TextEncoder().encode(text.replaceAll('Page ', 'Pa\r\nge '));
    expect(bytes.length).toBeGreaterThan(MB);
    const fromText = parseBulkBody(new TextDecoder().decode(bytes), true);
    expect(fromText.entries).toHaveLength(8_000);
    expect(drain(parseBulkBytesSteps(bytes))).toStrictEqual(fromText);
    const parsed = parseRequest(bulkRequest(bytes));
    expect(parsed.entries).toStrictEqual(fromText.entries);
    expect(parsed.issues).toStrictEqual(fromText.issues);
    // Outside the shape read in pieces (a repeated key): the text is parsed, as before.
    const repeated = new TextEncoder().encode(`{"requests":[],${text.trim().slice(1)}`);
    expect(drain(parseBulkBytesSteps(repeated))).toBeNull();
    expect(parseRequest(bulkRequest(repeated)).entries).toHaveLength(8_000);
  }, 60_000);

  it('is told from other bodies on its bytes as on its text', () => {
    for (const text of [
      '"requests" first',
      'x"requests"',
      "x'requests'",
      '"requests" then "requests"',
      'é"requests"',
      '"request"s',
      '',
    ]) {
      expect(drain(isBulkBytesSteps(new TextEncoder().encode(text)))).toBe(isBulkBody(text));
    }
  });

  it('is told the same searched a piece per step, whatever piece holds the marks', () => {
    const part = fc.constantFrom('"requests"', "'requests'", '"request', 's"', 'x', 'é', '😀', '"');
    fc.assert(
      fc.property(
        fc.array(part, { maxLength: 12 }),
        fc.integer({ min: 1, max: 12 }),
        (parts, n) => {
          const text = parts.join('');
          const bytes = new TextEncoder().encode(text);
          expect(drain(isBulkBytesSteps(bytes, n))).toBe(isBulkBody(text));
        },
      ),
    );
  });
});
