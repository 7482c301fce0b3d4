// Property tests of the request plumbing: whatever arrives, parse and analyse never throw and
// keep their invariants; whatever parameters are built, parsing gives them back.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeRequest } from './analyze';
import { buildBulkBody, buildFormBody, buildQuery } from './build';
import { parseRequest } from './parse';
import type { ParamValue, ParsedRequest, RawRequest } from './types';

const NOW = Date.UTC(2024, 9, 24, 12, 0, 0);
const FORM = 'application/x-www-form-urlencoded; charset=UTF-8';
const utf8 = (text: string) => new TextEncoder().encode(text);

/** Characters that stress the encoding, mixed with any code point. */
const trickyChar = fc.oneof(
  fc.constantFrom('&', '=', '+', '%', ' ', '#', '?', "'", '"', '[', ']', '\n', '\r', '\u0000'),
  fc.constantFrom('é', '×', '“', '😀', '\ufffd', '%zz', '%C3', '%2B'),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
);
const anyText = fc.string({ unit: trickyChar, maxLength: 12 });
/** Names PHP registers unchanged: no dot, space, `[` or NUL (those are renamed, see parse tests). */
const phpSafeName = fc
  .string({ unit: trickyChar, minLength: 1, maxLength: 8 })
  .filter((name) => ![...'. [\u0000'].some((ch) => name.includes(ch)));
const paramMap = fc.dictionary(phpSafeName, anyText, { maxKeys: 8 });

const methodArb = fc.constantFrom('GET', 'POST', 'HEAD', 'OPTIONS', 'PUT', 'get', '', 'BREW');
const contentTypeArb = fc.constantFrom(
  FORM,
  'application/json',
  'text/plain',
  'multipart/form-data; boundary=zz',
  '',
);

const rawArb: fc.Arbitrary<RawRequest> = fc.record({
  method: methodArb,
  path: fc.constantFrom('/matomo.php', '/piwik.php', ''),
  query: fc.oneof(fc.string({ unit: trickyChar, maxLength: 60 }), paramMap.map(buildQuery)),
  headers: fc.record({ 'content-type': contentTypeArb, 'user-agent': fc.string() }),
  body: fc.oneof(
    fc.uint8Array({ maxLength: 200 }),
    fc.string({ unit: trickyChar, maxLength: 80 }).map(utf8),
    fc.json().map(utf8),
    bulkBodyArb().map(utf8),
  ),
});

function bulkBodyArb(): fc.Arbitrary<string> {
  const item = fc.oneof(
    fc.jsonValue({ maxDepth: 2 }),
    paramMap.map((params) => `?${buildQuery(params)}`),
    paramMap.map((params) => `https://host/matomo.php?${buildQuery(params)}`),
    fc.string({ unit: trickyChar, maxLength: 30 }),
  );
  return fc.oneof(
    fc
      .record({
        requests: fc.array(item, { maxLength: 6 }),
        token_auth: fc.option(fc.jsonValue({ maxDepth: 1 }), { nil: undefined }),
        send_image: fc.option(fc.jsonValue({ maxDepth: 1 }), { nil: undefined }),
      })
      .map((body) => JSON.stringify(body)),
    fc.jsonValue().map((value) => ` "requests" ${JSON.stringify(value)}`),
    fc.string({ unit: trickyChar, maxLength: 40 }).map((junk) => `{"requests":[${junk}`),
  );
}

function checkInvariants(parsed: ParsedRequest): void {
  parsed.entries.forEach((entry, position) => expect(entry.index).toBe(position));
  if (parsed.bulk) {
    expect(parsed.transport).toBe('bulk');
    expect(parsed.entries.length + parsed.bulk.dropped.length).toBe(parsed.bulk.itemCount);
  } else {
    expect(parsed.entries).toHaveLength(1);
    expect(parsed.empty).toBe(Object.keys(parsed.entries[0]?.params ?? {}).length === 0);
  }
}

// Hundreds of runs each: generous time limits, since the machine may be busy.
const SLOW = { timeout: 60_000 };

describe('parse and analyse never throw', () => {
  it('on arbitrary requests (methods, query strings, bytes, JSON, bulk bodies)', SLOW, () => {
    fc.assert(
      fc.property(rawArb, (raw) => {
        checkInvariants(parseRequest(raw));
        const analysis = analyzeRequest(raw, { now: NOW, sites: [] });
        expect(analysis.response.status).toBeGreaterThanOrEqual(200);
        for (const hit of analysis.hits) expect(hit.issues).toBeInstanceOf(Array);
      }),
      { numRuns: 300 },
    );
  });

  it('on arbitrary bytes as a form body and as a bulk body', SLOW, () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.boolean(), (bytes, bulk) => {
        const body = bulk ? Uint8Array.from([...utf8('{"requests":["?'), ...bytes]) : bytes;
        const raw = {
          method: 'POST',
          path: '/',
          query: '',
          headers: { 'content-type': FORM },
          body,
        };
        checkInvariants(parseRequest(raw));
        analyzeRequest(raw, { now: NOW, sites: [] });
      }),
      { numRuns: 300 },
    );
  });
});

describe('parse(build(x)) gives x back', () => {
  const get = (query: string) =>
    parseRequest({
      method: 'GET',
      path: '/matomo.php',
      query,
      headers: {},
      body: new Uint8Array(),
    });

  it('through a query string', () => {
    fc.assert(
      fc.property(paramMap, (params) => {
        expect(get(buildQuery(params)).entries[0]?.params).toEqual(params);
      }),
      { numRuns: 500 },
    );
  });

  it('through a form body, without encoding issues', () => {
    fc.assert(
      fc.property(paramMap, (params) => {
        const parsed = parseRequest({
          method: 'POST',
          path: '/matomo.php',
          query: '',
          headers: { 'content-type': FORM },
          body: utf8(buildFormBody(params)),
        });
        expect(parsed.bulk).toBeNull();
        expect(parsed.entries[0]?.params).toEqual(params);
        const encoding = parsed.entries[0]?.issues.filter((i) => i.code.startsWith('encoding.'));
        expect(encoding).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('with duplicates: occurrences come back in order', () => {
    const occurrences = fc.array(
      fc.record({ name: phpSafeName, value: anyText, source: fc.constant('query' as const) }),
      { maxLength: 8 },
    );
    fc.assert(
      fc.property(occurrences, (list) => {
        const back = get(buildQuery(list)).entries[0]?.occurrences ?? [];
        expect(back.map((o) => [o.name, o.value])).toEqual(list.map((o) => [o.name, o.value]));
      }),
      { numRuns: 300 },
    );
  });

  it('through a bulk body, as query strings and as objects', SLOW, () => {
    const jsonParams = fc.dictionary(phpSafeName, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 6 });
    fc.assert(
      fc.property(
        fc.array(paramMap, { maxLength: 5 }),
        fc.array(jsonParams, { maxLength: 5 }),
        fc.option(anyText, { nil: undefined }),
        (queries, objects, tokenAuth) => {
          const post = (body: string) =>
            parseRequest({ method: 'POST', path: '/', query: '', headers: {}, body: utf8(body) });
          const asQueries = post(buildBulkBody({ requests: queries, tokenAuth, sendImage: 0 }));
          expect(asQueries.entries.map((e) => e.params)).toEqual(queries);
          expect(asQueries.bulk?.sendImage).toBe(0);
          if (tokenAuth) expect(asQueries.bulk?.tokenAuth).toBe(tokenAuth);
          const requests = objects as Record<string, ParamValue>[];
          const asObjects = post(buildBulkBody({ requests, asObjects: true }));
          expect(asObjects.entries.map((e) => e.params)).toEqual(
            objects.map((o) => JSON.parse(JSON.stringify(o)) as Record<string, ParamValue>),
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});
