// What a request of megabytes costs on arrival is spread over steps, a pause between each
// (the server gives its event loop back there): no step may list every name of a record of
// 100,000 names, nor read a value of megabytes whole. These tests count steps and list
// calls; they time nothing.
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { countSteps } from '../../test-support/capture/count-steps';
import { EXAMPLE_SITE } from '../../test-support/capture/example-site';
import { countingRecord } from '../../test-support/capture/counting-record';
import { analyzeRequest } from './analyze';
import { classifyHit } from './classify';
import { decodeEntry } from './decode';
import {
  formatControlsIn,
  formatControlsInSteps,
  formatControlsInValueSteps,
} from './invisible-chars';
import { parseRequest } from './parse';
import type { ParamValue, RawRequest } from './types';
import { validateEntry, validateEntrySteps } from './validate';

const NOW = Date.parse('2026-01-01T12:00:00Z');
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

function raw(body: string, headers: Record<string, string> = {}): RawRequest {
  return {
    method: 'POST',
    path: '/matomo.php',
    query: '',
    headers: { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Firefox/120.0', ...headers },
    body: new TextEncoder().encode(body),
  };
}

/** The validation of the only hit of `body`, as the analysis runs it, in steps. */
function validationOf(body: string, headers: Record<string, string> = {}) {
  const request = raw(body, headers);
  const parsed = parseRequest(request);
  const [entry] = parsed.entries;
  if (entry === undefined) throw new Error('no entry');
  const { decoded, problems } = decodeEntry(entry.params, { now: NOW });
  const type = classifyHit(entry.params, {});
  const input = {
    entry,
    parsed,
    decoded,
    problems,
    type,
    device: analyzeRequest(request, { now: NOW, sites: [] }).hits[0]!.device,
  };
  const ctx = { now: NOW, sites: [EXAMPLE_SITE], headers: request.headers };
  return { steps: () => validateEntrySteps(input, ctx), whole: () => validateEntry(input, ctx) };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('a bulk entry object of 25,000 keys on arrival', { timeout: 120_000 }, () => {
  it('has its names listed once, by the reader, never by enumerating a record', () => {
    const keys = 25_000;
    const entry: Record<string, string> = { idsite: '1', rec: '1', dimension2: 'x' };
    for (let n = 0; n < keys; n++) entry[`p${n}`] = `${'v'.repeat(40)}${n}`;
    const body = JSON.stringify({ requests: [entry] });
    const keysOf = vi.spyOn(Object, 'keys');
    const [hit] = analyzeRequest(raw(body), { now: NOW, sites: [EXAMPLE_SITE] }).hits;
    const listedWhole = keysOf.mock.results.filter(
      (result) => Array.isArray(result.value) && (result.value as unknown[]).length >= keys,
    );
    keysOf.mockRestore();
    expect(listedWhole).toHaveLength(0);
    expect(hit?.rawQuery.split('&')).toHaveLength(keys + 3);
    expect(hit?.issues.map((issue) => issue.code)).toContain('dimension.inactive');
  });
});

describe('a record whose builder listed its many names', () => {
  it('is decoded and checked without listing its names again', () => {
    const params: Record<string, string> = { idsite: '1', rec: '1', dimension2: 'x' };
    for (let n = 0; n < 5_000; n++) params[`p${n}`] = `value ${n}`;
    const body = new URLSearchParams({ idsite: '1', rec: '1' }).toString();
    const request = raw(body, FORM);
    const parsed = parseRequest(request);
    const { record, listings } = countingRecord<ParamValue>(params);
    const entry = { ...parsed.entries[0]!, params: record };
    const { decoded, problems } = decodeEntry(record, { now: NOW });
    const type = classifyHit(record, {});
    const device = analyzeRequest(request, { now: NOW, sites: [] }).hits[0]!.device;
    const ctx = { now: NOW, sites: [EXAMPLE_SITE], headers: request.headers };
    const { issues } = validateEntry({ entry, parsed, decoded, problems, type, device }, ctx);
    expect(listings()).toBe(0);
    expect(Object.keys(decoded)).toHaveLength(5_003);
    expect(issues.map((issue) => issue.code)).toContain('dimension.inactive');
  });
});

describe('a value of megabytes on arrival', () => {
  it('is read for invisible characters a slice per step', () => {
    const value = 'v'.repeat(4 * 1024 * 1024);
    const { steps } = countSteps(validationOf(`idsite=1&rec=1&x=${value}`, FORM).steps());
    expect(steps).toBeGreaterThanOrEqual(8);
  });

  it('gets its findings in the order of its names, long values among short ones', () => {
    const long = (char: string) => `${'w'.repeat(600_000)}${char}${'w'.repeat(600_000)}`;
    const body = [
      'idsite=1&rec=1',
      `a=${encodeURIComponent('\u200bshort')}`,
      `b=${encodeURIComponent(long('\u202e'))}`,
      `c=${encodeURIComponent('\ufeffshort')}`,
      `d=${'w'.repeat(1_200_000)}`,
      `e=${encodeURIComponent(long('\u200e'))}`,
    ].join('&');
    const { whole } = validationOf(body, FORM);
    const found = whole().issues.filter((issue) => issue.code === 'value.invisible_control');
    expect(found.map((issue) => issue.param)).toEqual(['a', 'b', 'c', 'e']);
    expect(found[1]?.message).toContain('U+202E right-to-left override');
    expect(found[3]?.message).toContain('U+200E left-to-right mark');
  });
});

describe('a bulk entry field holding a list of megabytes', () => {
  /** About `chars` characters of JSON: rows of texts, one row holding `hidden` deep inside. */
  function nestedList(chars: number, hidden: string) {
    const rows: { k: string[]; m: { deep: string[][] } }[] = [];
    for (let n = 0, size = 0; size < chars; n++) {
      const row = Array.from({ length: 50 }, (_, i) => `s${n}_${i}`);
      rows.push({ k: row, m: { deep: [row.slice(0, 5)] } });
      size += 600;
    }
    rows[rows.length >> 1]?.m.deep[0]?.push(`x${hidden}y`);
    return rows;
  }

  it('is read for invisible characters in steps, never written out as JSON', () => {
    const x = nestedList(3 * 1024 * 1024, '\u202e');
    const body = JSON.stringify({ requests: [{ idsite: 1, rec: 1, x }] });
    const { steps } = validationOf(body);
    const stringify = vi.spyOn(JSON, 'stringify');
    const { value, steps: count } = countSteps(steps());
    const written = stringify.mock.results.map((result) => String(result.value ?? '').length);
    stringify.mockRestore();
    expect(Math.max(0, ...written)).toBeLessThan(1024 * 1024);
    expect(count).toBeGreaterThanOrEqual(4);
    const found = value.issues.filter((issue) => issue.code === 'value.invisible_control');
    expect(found.map((issue) => issue.param)).toEqual(['x']);
    expect(found[0]?.message).toContain('U+202E right-to-left override');
  });

  it('finds what its JSON text holds, in the same order, wherever the pauses fall', () => {
    const CHARS = ['a', '\u200b', '\u202e', '\ufeff', '\u00ad', '\u2066', '\ud83d', '\u0007'];
    const text = fc.array(fc.constantFrom(...CHARS), { maxLength: 8 }).map((c) => c.join(''));
    const { value: tree } = fc.letrec<{ value: ParamValue }>((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        text,
        fc.integer(),
        fc.constant(null),
        fc.array(tie('value'), { maxLength: 5 }),
        fc.dictionary(text, tie('value'), { maxKeys: 5 }),
      ),
    }));
    fc.assert(
      fc.property(tree, fc.integer({ min: 1, max: 40 }), (value, sliceChars) => {
        const { value: found } = countSteps(formatControlsInValueSteps(value, sliceChars));
        expect(found).toStrictEqual(formatControlsIn(JSON.stringify(value)));
      }),
      { numRuns: 500 },
    );
  });
});

describe('invisible characters read in slices', () => {
  const FORMAT_SAMPLE = ['\u00ad', '\u061c', '\u180e', '\u200b', '\u200f', '\u202a', '\u202e'];
  const OTHER = ['a', ' ', '\u0007', '\u00e9', '\u2028', '\ud83d', '\ude00', '\u2065', '\ufeff'];

  it('finds what the whole text holds, in the same order, wherever the cuts fall', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...FORMAT_SAMPLE, ...OTHER, '\u2060', '\u2069'), {
          maxLength: 60,
        }),
        fc.integer({ min: 1, max: 9 }),
        (chars, sliceChars) => {
          const text = chars.join('');
          const { value } = countSteps(formatControlsInSteps(text, sliceChars));
          expect(value).toStrictEqual(formatControlsIn(text));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('knows every character the whole test knows', () => {
    const every = Array.from({ length: 0x10000 }, (_, code) => String.fromCharCode(code)).join('');
    const { value, steps } = countSteps(formatControlsInSteps(every, 4096));
    expect(value).toStrictEqual(formatControlsIn(every));
    expect(steps).toBe(16);
  });
});
