// A query or form body of megabytes is decoded in steps, to exactly what decoding it whole
// gives, and a single request carrying one gives the event loop turns while it is decoded.
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { analyzeRequestInSlices } from './analyze';
import { drain } from '../steps';
import { parseRequest, parseRequestSteps } from './parse';
import { decodeClean, decodeQuery, UNSAFE_IN_VALUE } from './query-string';
import { decodeCleanSteps, decodeQuerySteps, hasUnsafeSteps } from './query-string-steps';
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

  // Raw characters of every kind the unescaped-character check looks for, among safe ones,
  // escapes and pluses: wherever the step edges fall, the findings are those of the whole.
  const char = fc.constantFrom(
    'v',
    'é',
    '😀',
    '\ud800',
    '\udfff',
    ' ',
    '"',
    '[',
    '<',
    '%41',
    '+',
    '%C3%A9',
  );
  const text = (maxLength: number) => fc.array(char, { maxLength }).map((c) => c.join(''));

  it('is checked for unescaped characters in steps, as the whole is', () => {
    fc.assert(
      fc.property(text(40), fc.integer({ min: 1, max: 9 }), (raw, stepChars) => {
        expect(drain(hasUnsafeSteps(raw, stepChars))).toBe(UNSAFE_IN_VALUE.test(raw));
      }),
    );
  });

  it('gives the findings of the whole query, its name and value of any characters', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('x', 'a b', 'n<', 'a[k]', 'é'),
        text(40),
        fc.integer({ min: 1, max: 9 }),
        (name, value, stepChars) => {
          const query = `a=1&${name}=${value}&b=2`;
          expect(drain(decodeQuerySteps(query, 'body', stepChars))).toStrictEqual(
            decodeQuery(query, 'body'),
          );
        },
      ),
    );
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  /** The longest text a call of `method` of `proto` was handed or gave, from now on. */
  function longestThrough<T extends object>(proto: T, method: 'test' | 'join'): () => number {
    const original = (proto as Record<string, (...args: unknown[]) => unknown>)[method]!;
    let longest = 0;
    vi.spyOn(proto as Record<string, (...args: unknown[]) => unknown>, method).mockImplementation(
      function (this: unknown, ...args: unknown[]) {
        const result = original.apply(this, args);
        const text = method === 'test' ? String(args[0]) : String(result);
        longest = Math.max(longest, text.length);
        return result;
      },
    );
    return () => longest;
  }

  it('is never tested whole with a regexp, nor copied whole when it holds no escape', () => {
    const value = `${'v'.repeat(5000)} <${'w'.repeat(5000)}`;
    const query = `a=1&x=${value}&b=2`;
    const tested = longestThrough(RegExp.prototype, 'test');
    const joined = longestThrough(Array.prototype, 'join');
    const stepped = drain(decodeQuerySteps(query, 'body', 1000));
    expect(tested()).toBeLessThanOrEqual(1000);
    expect(joined()).toBeLessThanOrEqual(1000);
    vi.restoreAllMocks();
    expect(stepped).toStrictEqual(decodeQuery(query, 'body'));
    expect(stepped.issues.map((issue) => issue.code)).toEqual(['encoding.unescaped']);
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

  it('joins its decoded body in a turn of its own', async () => {
    const events: string[] = [];
    const join = Array.prototype.join;
    vi.spyOn(Array.prototype, 'join').mockImplementation(function (this: unknown[], sep) {
      const text = join.call(this, sep);
      if (text.length > 2 * 1024 * 1024) events.push('join');
      return text;
    });
    const body = `action_name=Long&x=${'v'.repeat(3 * 1024 * 1024)}`;
    // No slice ends by the time it took: the only pauses are those the steps ask for.
    const analysis = await analyzeRequestInSlices(
      formPost(body),
      { now: 0, sites: [] },
      { pause: () => Promise.resolve(events.push('pause')).then(() => undefined), sliceMs: 60_000 },
    );
    vi.restoreAllMocks();
    expect(events.slice(0, 2)).toEqual(['pause', 'join']);
    expect(analysis.hits[0]?.params['x']).toHaveLength(3 * 1024 * 1024);
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
