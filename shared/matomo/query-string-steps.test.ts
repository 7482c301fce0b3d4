// A query or form body of megabytes is decoded in steps, to exactly what decoding it whole
// gives, and a single request carrying one gives the event loop turns while it is decoded.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeRequestInSlices } from './analyze';
import { drain } from '../steps';
import { parseRequest, parseRequestSteps } from './parse';
import { decodeClean, decodeQuery } from './query-string';
import { decodeCleanSteps, decodeQuerySteps } from './query-string-steps';
import type { RawRequest } from './types';
import { countLoopTurns } from '../../test-support/capture/loop-turns';
import { countSteps } from '../../test-support/capture/count-steps';

/** Parameters of every kind decodeQuery reads apart: escapes, bad bytes, arrays, raw text. */
const mixed = Array.from({ length: 400 }, (_, n) =>
  [
    `p${n}=v%C3%A9+${n}`,
    `bad${n}=%E9t%E9`,
    '',
    `a.b[${n}]=x`,
    `raw${n}=<"${n}">`,
    `lone%${n}`,
    `=nameless${n}`,
    `p${n}=again`,
  ].join('&'),
).join('&');

describe('decodeQuerySteps', () => {
  it('gives exactly decodeQuery’s occurrences and issues, cut anywhere', () => {
    const whole = decodeQuery(mixed, 'body');
    expect(whole.issues.length).toBeGreaterThan(400);
    for (const stepChars of [1, 7, 100, 4096]) {
      const stepped = countSteps(decodeQuerySteps(mixed, 'body', stepChars));
      expect(stepped.steps).toBeGreaterThan(mixed.length / (stepChars + 100) - 1);
      expect(stepped.value).toStrictEqual(whole);
    }
    expect(drain(decodeQuerySteps(`&&${mixed}&&`, 'query', 50))).toStrictEqual(
      decodeQuery(`&&${mixed}&&`, 'query'),
    );
  });
});

describe('a value longer than a step', () => {
  // Escapes of one to four bytes, a plus, raw multibyte text, a malformed escape and bytes
  // that are not UTF-8: shifted by one character per round, the step edges fall before,
  // inside and after each.
  const units = ['v%C3%A9+%E2%82%AC%F0%9F%98%80é😀%41', 'a%zz%', 'b%E9t%E9'];
  it('is found unescaped or not in steps as it is whole, whatever its name', () => {
    // Characters safe and unsafe in a value or a name (`[` is safe in a name alone).
    const char = fc.constantFrom(
      'a',
      '%41',
      '+',
      '=',
      '[',
      ']',
      ' ',
      '<',
      '"',
      'é',
      '\u007f',
      '😀',
    );
    const text = (maxLength: number) =>
      fc.array(char, { maxLength }).map((chars) => chars.join(''));
    fc.assert(
      fc.property(text(4), text(80), fc.integer({ min: 3, max: 20 }), (name, value, stepChars) => {
        const query = `a=1&${name}=${value}&b=2`;
        expect(drain(decodeQuerySteps(query, 'body', stepChars))).toStrictEqual(
          decodeQuery(query, 'body'),
        );
      }),
      { numRuns: 500 },
    );
  });

  it('is percent-decoded in steps to exactly what decoding it whole gives', () => {
    for (const unit of units) {
      for (let shift = 0; shift < unit.length; shift++) {
        const value = `${'s'.repeat(shift)}${unit.repeat(40)}`;
        const query = `a=1&x=${value}&b=2&${'y'.repeat(300)}=%41`;
        for (const stepChars of [5, 16, 33]) {
          // Decoded cleanly, or refused for the careful path, as the whole value is.
          expect(drain(decodeCleanSteps(value, stepChars))).toBe(decodeClean(value));
          expect(drain(decodeQuerySteps(query, 'body', stepChars))).toStrictEqual(
            decodeQuery(query, 'body'),
          );
        }
      }
    }
  });

  it('takes a step per piece of a value of escapes', () => {
    const query = `x=${'%C3%A9'.repeat(10_000)}`;
    const stepped = countSteps(decodeQuerySteps(query, 'body', 1000));
    expect(stepped.value).toStrictEqual(decodeQuery(query, 'body'));
    expect(stepped.steps).toBeGreaterThan(query.length / 1000 - 1);
  });
});

describe('a single request of megabytes', () => {
  const formPost = (body: string): RawRequest => ({
    method: 'POST',
    path: '/matomo.php',
    query: 'idsite=1&rec=1',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new TextEncoder().encode(body),
  });

  it('gives the event loop turns while its URL query is decoded', async () => {
    const query = `idsite=1&rec=1&${Array.from({ length: 20_000 }, (_, n) => `p${n}=v${n}`).join('&')}`;
    const raw: RawRequest = {
      method: 'GET',
      path: '/matomo.php',
      query,
      headers: {},
      body: new Uint8Array(0),
    };
    expect(countSteps(parseRequestSteps(raw)).steps).toBeGreaterThan(2);
    const turns = countLoopTurns();
    const analysis = await analyzeRequestInSlices(
      raw,
      { now: 0, sites: [] },
      { pause: () => new Promise((resolve) => setImmediate(resolve)), sliceMs: 0 },
    );
    turns.stop();
    // PHP reads the first 1000 variables (idsite, rec, p0 … p997) and ignores the rest.
    expect(analysis.hits[0]?.params['p997']).toBe('v997');
    expect(analysis.hits[0]?.params['p998']).toBeUndefined();
    expect(turns.count()).toBeGreaterThan(2);
  });

  it('reads a form body of more parameters than a spread may pass as far as PHP does', () => {
    const body = Array.from({ length: 300_000 }, (_, n) => `p${n}=`).join('&');
    const entry = parseRequest(formPost(body)).entries[0];
    // The two of the URL query, and the first 1001 of the body (PHP's form reader registers
    // the variable that exceeds max_input_vars before it stops).
    expect(entry?.occurrences).toHaveLength(2 + 1001);
    expect(entry?.params['p1000']).toBe('');
    expect(entry?.params['p1001']).toBeUndefined();
    expect(entry?.issues.find((issue) => issue.code === 'param.input_limit')?.message).toMatch(
      /^298999 parameters in the form body come after the first 1001:/,
    );
    expect(entry?.rawQuery).toBe(`idsite=1&rec=1&${body}`);
  });
});
