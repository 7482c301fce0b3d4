import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sampleRequest } from '../../../test-support/capture/sample-dtos';
import { windowRequest } from './body-on-disk';
import { compactHit, storedRequestOf } from './compact';
import { encodeLine } from './encode-line';
import { hitBytes, requestBytes } from './memory-size';
import {
  MAX_PAIRS_READ,
  ownCopy,
  packedLength,
  PairPool,
  POOL_CHARS,
  unpacked,
} from './packed-query';
import { ValuePools } from './string-pool';
import { toRequestDto } from './stored-record';

const roundTrip = (pool: PairPool, text: string) => unpacked(pool.pack(text));

/** Every code unit of 0..255 once, in pairs of varied length. */
function everyByteValue(): string {
  const pairs: string[] = [];
  for (let c = 0; c < 256; c += 7) {
    let pair = '';
    for (let k = c; k < Math.min(256, c + 7); k++) pair += String.fromCharCode(k);
    pairs.push(pair);
  }
  return pairs.join('&');
}

describe('packed queries', () => {
  it('read back as the same text, whatever it holds', () => {
    const pool = new PairPool();
    const texts = [
      '',
      '&',
      '&&&',
      'a=1',
      everyByteValue(),
      `${everyByteValue()}&${everyByteValue()}`,
      `action_name=Caf\u00e9 \u2013 \u65e5\u672c&x=\ud83d\ude00&lone=\ud800&tail=\udfff&${'k=v&'.repeat(40)}`,
      `&leading=1&${'p=q&'.repeat(30)}trailing=1&`,
      `long=${'x'.repeat(200_000)}&${'y'.repeat(5000)}&idsite=1&rec=1&more=${'z'.repeat(100)}`,
    ];
    for (const text of texts) {
      expect(roundTrip(pool, text)).toBe(text);
      expect(packedLength(pool.pack(text))).toBe(text.length);
    }
    // Read again after other queries were joined since (not from the recent joins).
    const packed = pool.pack(texts[4] as string);
    for (let i = 0; i < 20; i++) unpacked(pool.pack(`other=${i}&${'w=1&'.repeat(20)}`));
    expect(unpacked(packed)).toBe(texts[4]);
  });

  it('share the runs of pairs that repeat from query to query', () => {
    const pool = new PairPool();
    const hints = `uadata=${encodeURIComponent('{"platform":"Linux","mobile":false}')}`;
    const query = (r: number) => `idsite=1&rec=1&r=${r}&${hints}&res=1920x1080`;
    pool.pack(query(1));
    const second = pool.pack(query(2)) as string[];
    const third = pool.pack(query(3)) as string[];
    expect(second).toEqual(['idsite=1&rec=1', 'r=2', `${hints}&res=1920x1080`]);
    expect(third[0]).toBe(second[0]);
    expect(third[2]).toBe(second[2]);
    // A query seen whole before is one shared string.
    expect(pool.pack(query(2))).toBe(pool.pack(query(2)));
    expect(typeof pool.pack(query(2))).toBe('string');
  });

  it('keep the pool bounded however many pairs never repeat', () => {
    const pool = new PairPool();
    let most = 0;
    for (let i = 0; i < 20_000; i++) {
      pool.pack(`idsite=1&rec=1&r=${i}&pv_id=${'v'.repeat(200)}${i}`);
      most = Math.max(most, pool.heldChars);
    }
    expect(most).toBeLessThanOrEqual(POOL_CHARS);
    expect(pool.heldChars).toBeGreaterThan(0);
  });

  it('cut a query of very many new pairs into a bounded number of pieces', () => {
    // Each pair read is a copy and a pool entry: read all, 20,000 of them took one long turn.
    const pool = new PairPool();
    const text = Array.from({ length: 20_000 }, (_, n) => `p${n}=${'v'.repeat(15)}`).join('&');
    const packed = pool.pack(text);
    expect(packed.length).toBe(MAX_PAIRS_READ + 1);
    expect(unpacked(packed)).toBe(text);
    expect(pool.heldChars).toBeLessThan(MAX_PAIRS_READ * 24);
  });

  it('read back as the same text around the number of pairs read one by one', () => {
    const pair = fc.oneof(
      fc.constantFrom('', 'idsite=1', 'rec=1', 'r=2', '\u00e9=\ud800'),
      fc.string({ maxLength: 6 }),
    );
    const pool = new PairPool();
    fc.assert(
      fc.property(
        fc.array(pair, { minLength: MAX_PAIRS_READ - 3, maxLength: MAX_PAIRS_READ + 3 }),
        (pairs) => {
          const text = pairs.join('&');
          expect(unpacked(pool.pack(text))).toBe(text);
          expect(packedLength(pool.pack(text))).toBe(text.length);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('are copied out of the text they were cut from, code unit for code unit', () => {
    const wide = `\ud800x${'\u65e5'.repeat(20)}\udfff`;
    const narrow = `${'\u00ff\u0000a'.repeat(20)}`;
    expect(ownCopy(wide)).toBe(wide);
    expect(ownCopy(narrow)).toBe(narrow);
  });
});

describe('a request kept with its query packed', () => {
  const query = `idsite=1&rec=1&action_name=Home&url=${encodeURIComponent('https://shop.example/?a=1')}`;
  const sample = sampleRequest({ params: { idsite: '1', rec: '1', action_name: 'Home' } });
  const pools = new ValuePools();
  const request = storedRequestOf({ ...sample.request, query }, pools);
  const hit = compactHit({ ...sample.hits[0]!, rawQuery: query }, request, 1, pools, () => ({}));

  it('reads its query, and its hit the same raw query, as received', () => {
    expect(request.query).toBe(query);
    expect(hit.rawQuery).toBe(query);
  });

  it('names its query in the API form, JSON, the data file and a copy without its body', () => {
    const dto = toRequestDto(request);
    expect(dto.query).toBe(query);
    expect(dto.url).toBe(`${request.path}?${query}`);
    expect((JSON.parse(JSON.stringify(request)) as { query: string }).query).toBe(query);
    const line = JSON.parse(encodeLine(request, [hit])) as {
      request: { query: string };
      hits: { sameAs?: string }[];
    };
    expect(line.request.query).toBe(query);
    expect(line.hits[0]?.sameAs).toBe('query');
    const big = storedRequestOf(
      { ...sample.request, query, transport: 'bulk', body: 'x'.repeat(70_000) },
      pools,
    );
    expect(windowRequest(big, 1)?.query).toBe(query);
  });
});

describe('the memory estimate of a kept query', () => {
  const query = `idsite=1&rec=1&${'dimension1=member&'.repeat(8)}res=1920x1080`;
  const sample = sampleRequest({ params: { idsite: '1', rec: '1' } });
  const pools = new ValuePools();
  const request = storedRequestOf({ ...sample.request, query }, pools);

  it('counts the query once, with its request, whether its hit shares it or not', () => {
    const shared = compactHit(
      { ...sample.hits[0]!, rawQuery: query },
      request,
      1,
      pools,
      () => ({}),
    );
    const own = compactHit(
      { ...sample.hits[0]!, rawQuery: 'idsite=2' },
      request,
      2,
      pools,
      () => ({}),
    );
    expect(requestBytes(request)).toBe(requestBytes({ ...request, query: '' }) + 2 * query.length);
    expect(hitBytes(own) - hitBytes(shared)).toBe(2 * 'idsite=2'.length);
  });
});
