// A bulk entry sent as a JSON object of thousands of keys is read a key at a time (bulk-json.ts)
// and analysed over many steps (bulk.ts, decode.ts, validate-values.ts). The verdict must be
// the one of the body parsed whole by JSON.parse: the same parameters in the same order, the
// same raw query, decoded values, findings and answer, whatever the entry holds.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countSteps } from '../../test-support/capture/count-steps';
import { EXAMPLE_SITE } from '../../test-support/capture/example-site';
import { analyzeRequest } from './analyze';
import { drain } from '../steps';
import { parseJsonObjectInPieces } from './bulk-json';
import { exceedsJsonDepth } from './json-depth';
import { parsePhpJson } from './php-json';
import { parseRequestSteps } from './parse';
import { listedNames } from './record-shapes';
import type { RawRequest } from './types';

/** Keys enough that the entry is longer than one step of the reader (64 K characters). */
function padding(count: number): string[] {
  return Array.from({ length: count }, (_, n) => `"p${n}":"${'v'.repeat(40)}"`);
}

/** An entry object's JSON text: the padding with `members` (raw `"key":value` texts) spread in. */
function entryText(members: readonly string[], pad = 2_000): string {
  const all = padding(pad);
  members.forEach((member, n) => {
    // Spread over the whole entry, step edges included.
    const at = Math.floor(((n + 1) * all.length) / (members.length + 1));
    all.splice(at, 0, member);
  });
  return `{${all.join(',')}}`;
}

/** Members whose reading differs from a plain string's. */
const TRICKY = [
  '"idsite":1',
  '"rec":true',
  '"action_name":"caf\\u00e9 \\ud83d\\ude00 \\"quoted\\" \\\\ back\\/slash"',
  '"e_v":1.5e3',
  '"big":12345678901234567890',
  '"neg":-0',
  '"nothing":null',
  '"off":false',
  '"list":[1,"two",{"three":[3]},null]',
  '"nested":{"a":{"b":{"c":"d"}},"e":[]}',
  '"empty":{}',
  '"12":"an integer key goes first"',
  '"dup":"first"',
  '"dup":"last"',
  '"__proto__":{"polluted":1}',
  '"\\u0000nul":"key with an escape"',
  '"url":"https:\\/\\/example.com\\/?a=1&b=2#h"',
  '"spaced" : "value"',
  '"uid":"\\u200bhidden"',
];

const member = fc.oneof(
  fc.constantFrom(...TRICKY),
  fc
    .tuple(fc.string(), fc.jsonValue({ maxDepth: 3 }))
    .map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value)}`),
);

function rawBulk(body: string): RawRequest {
  return {
    method: 'POST',
    path: '/matomo.php',
    query: '',
    headers: { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Firefox/120.0' },
    body: new TextEncoder().encode(body),
  };
}

describe('a bulk entry object of thousands of keys', { timeout: 120_000 }, () => {
  it('is read a key at a time into the object JSON.parse reads', () => {
    fc.assert(
      fc.property(fc.array(member, { maxLength: 12 }), (members) => {
        const text = `{"requests":[${entryText(members)},"?idsite=1&rec=1"]}`;
        const { value: read, steps } = countSteps(parseJsonObjectInPieces(text));
        let parsed: Record<string, unknown>;
        try {
          parsed = parsePhpJson(text) as Record<string, unknown>;
        } catch {
          // A lone surrogate escape PHP refuses: the whole parse says so.
          expect(read).toBeNull();
          return;
        }
        expect(read).not.toBeNull();
        expect(read?.json).toStrictEqual(parsed);
        const [entry] = read?.json['requests'] as Record<string, unknown>[];
        const [wholeEntry] = parsed['requests'] as Record<string, unknown>[];
        expect(Object.keys(entry ?? {})).toStrictEqual(Object.keys(wholeEntry ?? {}));
        expect(Object.hasOwn(entry ?? {}, '__proto__')).toBe(
          Object.hasOwn(wholeEntry ?? {}, '__proto__'),
        );
        expect(read?.tooDeep).toBe(exceedsJsonDepth(parsed));
        // The names the reader lists are those JSON.parse gives, or it lists none.
        const names = listedNames(entry ?? {});
        if (names !== null) expect(names).toStrictEqual(Object.keys(wholeEntry ?? {}));
        expect(steps).toBeGreaterThan(1);
      }),
      { numRuns: 60 },
    );
  });

  it('leaves a text JSON.parse or PHP refuses to the whole parse', () => {
    for (const broken of ['"bad":"\\ud800"', '"bad":tru', '"bad" "x"', '"bad":"a"}x']) {
      const text = `{"requests":[${entryText([broken])}]}`;
      expect(drain(parseJsonObjectInPieces(text))).toBeNull();
    }
  });

  it('nested deeper than PHP reads is found too deep, as on the whole', () => {
    const deep = `"deep":${'['.repeat(520)}${']'.repeat(520)}`;
    const text = `{"requests":[${entryText([deep])}]}`;
    expect(drain(parseJsonObjectInPieces(text))?.tooDeep).toBe(true);
  });

  it('gets the verdict of the body parsed whole, over many steps', () => {
    // Some 1.3 MB: read in pieces. A repeated top-level key sends the same entries through
    // one JSON.parse instead (the reader leaves duplicates to it), the unsliced path.
    const entry = entryText(TRICKY, 25_000);
    const sliced = `{"requests":[${entry},{"idsite":"1","rec":"1"}],"send_image":0}`;
    const whole = `{"x":1,"x":1,"requests":[${entry},{"idsite":"1","rec":"1"}],"send_image":0}`;
    const ctx = { now: Date.parse('2026-01-01T12:00:00Z'), sites: [] };
    const a = analyzeRequest(rawBulk(sliced), ctx);
    const b = analyzeRequest(rawBulk(whole), ctx);
    expect(a.hits).toHaveLength(2);
    for (const [n, hit] of a.hits.entries()) {
      const other = b.hits[n];
      expect(Object.keys(hit.params)).toStrictEqual(Object.keys(other?.params ?? {}));
      expect(hit.params).toStrictEqual(other?.params);
      expect(hit.occurrences).toStrictEqual(other?.occurrences);
      expect(hit.rawQuery).toBe(other?.rawQuery);
      expect(hit.decoded).toStrictEqual(other?.decoded);
      expect(hit.issues).toStrictEqual(other?.issues);
      expect(hit.outcome).toBe(other?.outcome);
      expect(hit.type).toBe(other?.type);
    }
    expect(a.response).toStrictEqual(b.response);
    // The entry of 25,000 keys is spread over steps of at most a few thousand keys each.
    const { steps } = countSteps(parseRequestSteps(rawBulk(sliced)));
    expect(steps).toBeGreaterThan(20);
  });

  it('gets that verdict from the names the reader lists, a site checked too', () => {
    // No array index nor repeated key: the reader lists the names, and the parse, the decoding
    // and the checks read that list instead of the object's own (record-shapes.ts, namesOf).
    const listable = TRICKY.filter((text) => !/^"(12|dup)"/.test(text));
    const members = [
      ...listable,
      '"dimension1":"on"',
      '"dimension7":"off"',
      '"cvar":"{}"',
      '"actoin_name":"typo"',
      '"rtl":"\u202egnp.exe"',
    ];
    const entry = entryText(members, 25_000);
    const sliced = `{"requests":[${entry}]}`;
    const whole = `{"x":1,"x":1,"requests":[${entry}]}`;
    const ctx = { now: Date.parse('2026-01-01T12:00:00Z'), sites: [EXAMPLE_SITE] };
    const [hit] = analyzeRequest(rawBulk(sliced), ctx).hits;
    const [other] = analyzeRequest(rawBulk(whole), ctx).hits;
    expect(listedNames(hit?.params ?? {})).toStrictEqual(Object.keys(other?.params ?? {}));
    expect(Object.keys(hit?.params ?? {})).toStrictEqual(Object.keys(other?.params ?? {}));
    expect(hit?.rawQuery).toBe(other?.rawQuery);
    expect(hit?.occurrences).toStrictEqual(other?.occurrences);
    expect(hit?.decoded).toStrictEqual(other?.decoded);
    expect(hit?.issues).toStrictEqual(other?.issues);
    expect(hit?.outcome).toBe(other?.outcome);
    const codes = new Set(hit?.issues.map((issue) => issue.code));
    for (const code of ['dimension.inactive', 'param.unknown', 'value.invisible_control']) {
      expect(codes).toContain(code);
    }
  });
});
