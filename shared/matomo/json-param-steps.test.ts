// A JSON parameter sent as one long text (`ec_items` of 100,000 products in a form body, a
// `uadata`, `_cvar` or `_pkc` of megabytes) is parsed a list item or an object value at a time,
// and read exactly as one parse of the whole text with PHP's depth limit reads it. Counts the
// characters JSON.parse is given in each step; times nothing.
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { perStep } from '../../test-support/capture/count-steps';
import { context, entryFrom, HUMAN, parsedFrom } from '../../test-support/matomo-hit';
import { phpJsonEdges } from '../../test-support/php-json-edges';
import { analyzeRequest, viewSteps } from './analyze';
import { drain } from '../steps';
import { parseJsonValueInPieces } from './bulk-json';
import { readJson, showJson, showRaw } from './coerce';
import { decodeEntry, decodeEntrySteps } from './decode';
import * as issueCodes from './issue-codes';
import { validateEntrySteps } from './validate';
import { exceedsJsonDepth } from './json-depth';
import { parsePhpJson } from './php-json';
import type { EcommerceItem } from './decode-json';
import type { RawRequest } from './types';

/** Longer than a step's worth of characters, so a list or object holding it is read in pieces. */
const LONG = 'x'.repeat(70_000);
const NOW = Date.UTC(2024, 9, 24, 12, 0, 0);
/** Far below the megabytes of the values sent: no step parses a value whole. */
const MAX_PARSED_PER_STEP = 200_000;

afterEach(() => {
  vi.restoreAllMocks();
});

/** What one parse of the whole text reads, with json_decode's depth limit; null where it refuses. */
function oneGo(text: string): { value: unknown } | null {
  try {
    const value = parsePhpJson(text);
    return exceedsJsonDepth(value) ? null : { value };
  } catch {
    return null;
  }
}

/** Counts the characters given to JSON.parse since the last reset. */
function countParsed() {
  const parse = JSON.parse;
  const counter = { parsed: 0, longest: 0 };
  vi.spyOn(JSON, 'parse').mockImplementation((source: string, reviver?) => {
    counter.parsed += source.length;
    counter.longest = Math.max(counter.longest, source.length);
    return parse(source, reviver) as unknown;
  });
  return counter;
}

const items = (count: number) =>
  Array.from({ length: count }, (_, n) =>
    // Every 1,000th item has no SKU: Matomo skips it, the display leaves it out.
    [n % 1000 === 7 ? '' : `SKU${n}`, `Name ${n}`, ['c1', 'c2'], 12.5, 2],
  );
const uadata = (brands: number) => ({
  platform: 'Windows',
  platformVersion: '15.0.0',
  fullVersionList: Array.from({ length: brands }, (_, n) => ({
    brand: `B${n}`,
    version: `1.${n}`,
  })),
});
const cvar = (slots: number) =>
  Object.fromEntries(Array.from({ length: slots }, (_, n) => [String(n), [`name${n}`, `v${n}`]]));

function formRequest(params: Record<string, unknown>): RawRequest {
  const query = Object.entries(params)
    .map(([name, value]) => {
      const text = typeof value === 'string' ? value : JSON.stringify(value);
      return `${name}=${encodeURIComponent(text)}`;
    })
    .join('&');
  return {
    method: 'POST',
    path: '/matomo.php',
    query: '',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new TextEncoder().encode(query),
  };
}

const ORDER = { idsite: '1', rec: '1', idgoal: '0', ec_id: 'O1', revenue: '10' };

describe('a JSON parameter of megabytes in a form body', () => {
  it('is decoded a step of items at a time, as the whole text reads', () => {
    const list = items(30_000);
    const text = JSON.stringify(list);
    expect(text.length).toBeGreaterThan(1_000_000);
    const counter = countParsed();
    const { value, counts } = perStep(decodeEntrySteps({ ...ORDER, ec_items: text }), {
      reset: () => (counter.parsed = 0),
      count: () => counter.parsed,
    });
    vi.restoreAllMocks();
    expect(Math.max(...counts)).toBeLessThan(MAX_PARSED_PER_STEP);
    const kept = value.decoded['ec_items']?.value as EcommerceItem[];
    const expected = list.filter(([sku]) => sku !== '');
    expect(kept.map((item) => item.sku)).toEqual(expected.map(([sku]) => sku));
    expect(kept[0]).toEqual({
      sku: 'SKU0',
      name: 'Name 0',
      categories: ['c1', 'c2'],
      price: 12.5,
      quantity: 2,
    });
    const shown = expected.map(([sku]) => `${sku as string} × 2 @ 12.5`).join(', ');
    expect(value.decoded['ec_items']?.display).toBe(`${expected.length} items: ${shown}`);
  });

  it('never hands JSON.parse a whole value, through the parse, decoding and device', () => {
    const request = formRequest({
      ...ORDER,
      ec_items: items(30_000),
      uadata: uadata(30_000),
      _cvar: cvar(30_000),
      _pkc: Array.from({ length: 60_000 }, (_, n) => `Category ${n}`),
    });
    const counter = countParsed();
    const { counts } = perStep(viewSteps(request, NOW, {}), {
      reset: () => (counter.parsed = 0),
      count: () => counter.parsed,
    });
    expect(Math.max(...counts)).toBeLessThan(MAX_PARSED_PER_STEP);
    // The analysis in one go, with its validation and its summary, neither.
    counter.longest = 0;
    const analysis = analyzeRequest(request, { now: NOW, sites: [] });
    expect(counter.longest).toBeLessThan(MAX_PARSED_PER_STEP);
    vi.restoreAllMocks();
    const [hit] = analysis.hits;
    expect(hit?.summary).toContain('29970 items');
    expect(hit?.decoded['_pkc']?.value).toEqual([
      'Category 0',
      'Category 1',
      'Category 2',
      'Category 3',
      'Category 4',
    ]);
    expect(hit?.decoded['_cvar']?.display).toBe(
      '1: name1 = v1; 2: name2 = v2; 3: name3 = v3; 4: name4 = v4; 5: name5 = v5',
    );
  });

  it('gives the device the hints of a long uadata text as of the same object in a bulk', () => {
    const hints = uadata(5_000);
    expect(JSON.stringify(hints).length).toBeGreaterThan(100_000);
    const ctx = { now: NOW, sites: [] };
    const fromText = analyzeRequest(formRequest({ idsite: '1', rec: '1', uadata: hints }), ctx);
    const body = JSON.stringify({ requests: [{ idsite: '1', rec: '1', uadata: hints }] });
    const fromObject = analyzeRequest(
      {
        method: 'POST',
        path: '/matomo.php',
        query: '',
        headers: {},
        body: new TextEncoder().encode(body),
      },
      ctx,
    );
    expect(fromText.hits[0]?.device).toEqual(fromObject.hits[0]?.device);
    expect(fromText.hits[0]?.device.os).toBe('Windows');
    expect(fromText.hits[0]?.device.osVersion).toBe('11');
  });
});

describe('messages about a long item of a JSON parameter', () => {
  it('quote its start without writing it whole', () => {
    const big = Array.from({ length: 100_000 }, (_, n) => n);
    const stringify = JSON.stringify;
    let longest = 0;
    const text = stringify({ 1: [big], 2: ['a', 'b'] });
    const list = stringify([['SKU', 'N', [], big, { q: big }], 'not a list']);
    vi.spyOn(JSON, 'stringify').mockImplementation((...args: Parameters<typeof stringify>) => {
      const written = stringify(...args);
      longest = Math.max(longest, written?.length ?? 0);
      return written;
    });
    const { problems } = decodeEntry({ ...ORDER, _cvar: text, ec_items: list }, { now: NOW });
    vi.restoreAllMocks();
    expect(longest).toBeLessThan(10_000);
    const messages = problems.flatMap((p) => p.problems.map((problem) => problem.message));
    expect(messages).toContain(
      `_cvar slot 1 is ${stringify([big]).slice(0, 60)}…, not a [name, value] pair of texts; Matomo skips it.`,
    );
    expect(messages).toContain(
      `ec_items item 0 price ${stringify(big).slice(0, 60)}… is not a number; Matomo records 0.`,
    );
  });

  it('quote what showRaw quotes of the JSON text, for any value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat({ max: 80 }), (value, max) => {
        expect(showJson(value, max)).toBe(showRaw(JSON.stringify(value), max));
      }),
    );
  });
});

describe('the problems of a JSON parameter of megabytes', () => {
  it('become issues a step at a time', () => {
    const entry = entryFrom({ idsite: '1', rec: '1', _cvar: JSON.stringify(cvar(30_000)) });
    const parsed = parsedFrom({});
    const { decoded, problems } = decodeEntry(entry.params, { now: NOW });
    const input = { entry, parsed, decoded, problems, type: 'pageview' as const, device: HUMAN };
    let made = 0;
    const issueOf = vi.spyOn(issueCodes, 'makeIssue');
    const { value, counts } = perStep(validateEntrySteps(input, context()), {
      reset: () => (made = issueOf.mock.calls.length),
      count: () => issueOf.mock.calls.length - made,
    });
    // Slots 0 and 5 to 29,999 are no slot of 1 to 5: Matomo skips each with a problem. The
    // hit lists the first 100 and counts the rest in one closing issue.
    const listed = value.issues.filter((issue) => issue.param === '_cvar');
    expect(listed).toHaveLength(101);
    expect(listed.reduce((sum, issue) => sum + (issue.more ?? 1), 0)).toBe(29_995);
    expect(Math.max(...counts)).toBeLessThan(10_000);
  });
});

describe('parseJsonValueInPieces', () => {
  const readBoth = (text: string) => {
    const read = drain(parseJsonValueInPieces(text));
    expect(read).toStrictEqual(oneGo(text));
    const coerced = readJson(text);
    expect(coerced).toStrictEqual(
      read === null ? { ok: false, reason: 'syntax' } : { ok: true, value: read.value },
    );
    return read;
  };

  it('reads random documents holding long lists and objects as one parse does', () => {
    fc.assert(
      fc.property(
        fc.array(fc.jsonValue(), { maxLength: 6 }),
        fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 5 }),
        fc.constantFrom('', ' ', '\t', '\r\n'),
        fc.boolean(),
        (values, fields, space, asObject) => {
          const inner = [...values, [values, LONG], { deep: [fields, LONG] }, LONG];
          const doc = asObject ? { ...fields, data: inner, last: LONG } : inner;
          const text = JSON.stringify(doc, null, space);
          expect(readBoth(text)).not.toBeNull();
        },
      ),
      { numRuns: 100 },
    );
  });

  it('refuses what one parse refuses: broken documents, lone surrogates, depth past 512', () => {
    // Lists nested 510 and 511 levels: in the outer list (level 1) both fit, in the object's
    // list (levels 1 and 2) the deeper one does not; so does 512 in an object.
    const edge = fc.constantFrom(
      ...phpJsonEdges([510, 511]),
      `{"a":${'['.repeat(511)}${']'.repeat(511)}}`,
    );
    const broken = fc.constantFrom('', '[', ']', '{', '}', ',', ':', '"', '\\', 'x', ' ', '\u0001');
    fc.assert(
      fc.property(
        fc.array(edge, { minLength: 1, maxLength: 4 }),
        fc.nat({ max: 3 }),
        fc.option(fc.tuple(fc.nat(), broken, fc.nat({ max: 1 })), { freq: 2 }),
        fc.boolean(),
        (parts, at, damage, asObject) => {
          const list = [...parts.slice(0, at), JSON.stringify(LONG), ...parts.slice(at)];
          let text = asObject
            ? `{"k":[${list.join(',')}],"v":${parts[0] ?? '1'}}`
            : `[${list.join(',')}]`;
          if (damage !== null) {
            // Replaces, inserts or removes one character, mostly near either end (the outline).
            const [where, char, cut] = damage;
            const near = where % 200;
            const pos = where % 2 === 0 ? near : Math.max(0, text.length - near);
            text = text.slice(0, pos) + char + text.slice(pos + cut);
          }
          readBoth(text);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('stops at PHP depth in a long nested list, handing JSON.parse no more than a step', () => {
    const levels = 2_000_000;
    const counter = countParsed();
    const { value, counts } = perStep(
      parseJsonValueInPieces('['.repeat(levels) + ']'.repeat(levels)),
      { reset: () => (counter.parsed = 0), count: () => counter.parsed },
    );
    vi.restoreAllMocks();
    expect(value).toBeNull();
    expect(Math.max(...counts)).toBeLessThan(MAX_PARSED_PER_STEP);
    // 512 levels fit, 513 do not.
    const nested = (n: number) =>
      `[${JSON.stringify(LONG)},${'['.repeat(n - 1)}${']'.repeat(n - 1)}]`;
    expect(readBoth(nested(512))).not.toBeNull();
    expect(readBoth(nested(513))).toBeNull();
  });
});
