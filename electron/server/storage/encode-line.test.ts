import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { encodeLine, encodeLineInSlices } from './encode-line';
import { CompactHit, LINE_VERSION, type StoredRequest } from './stored-record';

// Text with everything JSON must escape: quotes, backslashes, control characters, lone
// surrogates and characters beyond the BMP.
const text = fc.string({ unit: 'binary', maxLength: 40 });
const issue = fc.record(
  {
    code: text,
    severity: fc.constantFrom('error' as const, 'warning' as const, 'info' as const),
    param: text,
    message: text,
    hint: text,
  },
  { requiredKeys: ['code', 'severity', 'message'] },
);
const headers = fc.dictionary(text, text, { maxKeys: 5 });

const request = fc.record(
  {
    id: text,
    receivedAt: text,
    method: text,
    path: text,
    query: text,
    headers,
    remoteAddress: text,
    body: text,
    bodyEncoding: fc.constantFrom('utf8' as const, 'base64' as const),
    bodySize: fc.nat(),
    bodyTruncated: fc.boolean(),
    transport: fc.constantFrom('get' as const, 'post' as const, 'bulk' as const),
    issues: fc.array(issue, { maxLength: 2 }),
    response: fc.record({
      status: fc.integer({ min: 100, max: 599 }),
      headers,
      contentType: fc.option(text),
      body: text,
      bodyKind: fc.constantFrom('gif' as const, 'empty' as const, 'text' as const),
      durationMs: fc.double({ min: 0, max: 1e6, noNaN: true }),
    }),
    hitCount: fc.nat(),
    error: fc.record({ code: text, message: text }),
    imported: fc.record({
      file: text,
      source: fc.constantFrom('export' as const, 'har' as const),
      importedAt: text,
    }),
  },
  {
    requiredKeys: [
      'id',
      'receivedAt',
      'method',
      'path',
      'query',
      'headers',
      'remoteAddress',
      'body',
      'bodyEncoding',
      'bodySize',
      'bodyTruncated',
      'transport',
      'issues',
      'response',
      'hitCount',
    ],
  },
) as fc.Arbitrary<StoredRequest>;

const hitFields = fc.record({
  id: text,
  index: fc.nat(),
  userAgent: text,
  rawQuery: fc.oneof(text, fc.constant('<query>'), fc.constant('<body>')),
  type: fc.constantFrom('pageview' as const, 'event' as const, 'ecommerce_order' as const),
  outcome: fc.constantFrom('recorded' as const, 'rejected' as const, 'excluded' as const),
  issues: fc.array(issue, { maxLength: 2 }),
  summary: text,
  idsite: fc.option(fc.integer()),
  params: fc.option(fc.dictionary(text, fc.oneof(text, fc.integer(), fc.constant(null)))),
  objectEntry: fc.boolean(),
  order: fc.option(text),
});

type HitFields = typeof hitFields extends fc.Arbitrary<infer T> ? T : never;

function hitOf(field: HitFields, stored: StoredRequest, seq: number): CompactHit {
  const rawQuery =
    field.rawQuery === '<query>'
      ? stored.query
      : field.rawQuery === '<body>'
        ? stored.body
        : field.rawQuery;
  return new CompactHit(
    {
      id: field.id,
      index: field.index,
      type: field.type,
      outcome: field.outcome,
      summary: field.summary,
      idsite: field.idsite,
    },
    {
      userAgent: field.userAgent,
      rawQuery,
      issues: field.issues,
      ...(field.params ? { params: field.params } : {}),
      ...(field.objectEntry ? { objectEntry: true as const } : {}),
      ...(field.order ? { order: field.order } : {}),
    },
    stored,
    seq,
    () => ({}),
  );
}

describe('encodeLine', () => {
  it('writes exactly what JSON.stringify of the line would, for any request and hits', () => {
    fc.assert(
      fc.property(request, fc.array(hitFields, { maxLength: 3 }), (stored, fields) => {
        const hits = fields.map((field, seq) => hitOf(field, stored, seq));
        const line = encodeLine(stored, hits);
        expect(line.endsWith('}\n')).toBe(true);
        expect(line.indexOf('\n')).toBe(line.length - 1);
        expect(JSON.parse(line)).toEqual(
          JSON.parse(JSON.stringify({ v: LINE_VERSION, request: stored, hits })),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('reuses the JSON of a shared header set only while it is the same object', () => {
    const base = fc.sample(request, { numRuns: 1, seed: 7 })[0] as StoredRequest;
    const shared = { 'user-agent': 'A', accept: '*/*' };
    const first = JSON.parse(encodeLine({ ...base, headers: shared }, [])).request.headers;
    const other = JSON.parse(encodeLine({ ...base, headers: { 'user-agent': 'B' } }, []));
    const again = JSON.parse(encodeLine({ ...base, headers: shared }, [])).request.headers;
    expect(first).toEqual(shared);
    expect(other.request.headers).toEqual({ 'user-agent': 'B' });
    expect(again).toEqual(shared);
  });
});

describe('encodeLineInSlices', () => {
  // The bytes of JSON.stringify, each hit after a tab: what the data file got before its raw
  // queries were encoded without a copy, byte for byte (search and read-back compare bytes).
  it('writes the bytes JSON.stringify gives, each hit after a tab, for any hits', async () => {
    // Raw queries mostly need no escape (written as they are); some need one or are not ASCII.
    const rawQuery = fc.oneof(
      text,
      fc.string({ unit: 'grapheme-ascii', maxLength: 40 }),
      fc.string({ unit: 'grapheme', maxLength: 40 }),
      fc.constantFrom(
        'idsite=1&action_name=Shop%20%E2%80%93',
        'a=\u2028\u00e9–',
        'q="x"',
        'p=\\',
        'lone=\ud800',
      ),
    );
    const sameAgent = fc.constantFrom('Mozilla/5.0', 'curl/8 "quoted"');
    const hit = fc.record({
      fields: hitFields,
      rawQuery,
      userAgent: fc.option(sameAgent),
    });
    await fc.assert(
      fc.asyncProperty(request, fc.array(hit, { maxLength: 4 }), async (stored, drawn) => {
        const hits = drawn.map(({ fields, rawQuery, userAgent }, seq) =>
          hitOf({ ...fields, rawQuery, userAgent: userAgent ?? fields.userAgent }, stored, seq),
        );
        const pieces = await encodeLineInSlices(
          stored,
          hits.length,
          (i) => hits[i] as CompactHit,
          () => Promise.resolve(),
        );
        const hitsJson = hits.map((one) => `\t${JSON.stringify(one)}`).join(',');
        const expected = `{"v":${LINE_VERSION},"request":${JSON.stringify(stored)},"hits":[${hitsJson}]}\n`;
        expect(Buffer.concat(pieces).toString('hex')).toBe(Buffer.from(expected).toString('hex'));
      }),
      { numRuns: 300 },
    );
  });

  it("encodes a hit's text in two writes: with the end of the hit before, then its raw query", async () => {
    const stored = fc.sample(request, { numRuns: 1, seed: 3 })[0] as StoredRequest;
    const hits = fc
      .sample(hitFields, { numRuns: 40, seed: 7 })
      .map((field, seq) => hitOf({ ...field, rawQuery: `idsite=1&n=${seq}` }, stored, seq));
    const write = vi.spyOn(Buffer.prototype, 'write');
    const pieces = await encodeLineInSlices(
      stored,
      hits.length,
      (i) => hits[i] as CompactHit,
      () => undefined,
    );
    const writes = write.mock.calls.length;
    write.mockRestore();
    // The request before the hits (its body a write of its own) and the end after them.
    expect(writes).toBeLessThanOrEqual(2 * hits.length + 4);
    const hitsJson = hits.map((one) => `\t${JSON.stringify(one)}`).join(',');
    const expected = `{"v":${LINE_VERSION},"request":${JSON.stringify(stored)},"hits":[${hitsJson}]}\n`;
    expect(Buffer.concat(pieces).toString()).toBe(expected);
  });

  it('awaits nothing between hits while the pause gives nothing to await', () => {
    const stored = fc.sample(request, { numRuns: 1, seed: 3 })[0] as StoredRequest;
    const fields = fc.sample(hitFields, { numRuns: 3, seed: 5 });
    const hits = fields.map((field, seq) => hitOf(field, stored, seq));
    const made: number[] = [];
    const line = encodeLineInSlices(
      stored,
      hits.length,
      (i) => {
        made.push(i);
        return hits[i] as CompactHit;
      },
      () => undefined,
    );
    // Each hit was encoded before the call returned: no turn of the microtask queue per hit.
    expect(made).toEqual([0, 1, 2]);
    return line;
  });
});
