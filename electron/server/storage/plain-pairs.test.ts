// A raw query that is exactly its parameters gives its search entries at a read-back without
// its parameters being parsed, and those entries are the ones the parsed parameters give.
import { describe, expect, it } from 'vitest';
import { decodeQuery, effectiveParams, parseRequest } from '../../../shared/matomo';
import { storedBulkRequest } from '../../../test-support/capture/stored-bulk-request';
import { createParamsOf } from '../derive-hit';
import { PlainPairs } from './plain-pairs';
import { SearchIndexer } from './search-indexer';
import { SearchText } from './search-text';
import { CompactHit, type ParamsOf, type StoredRequest } from './stored-record';

const TRACKER =
  'action_name=Shop%20%E2%80%93%20Home&idsite=1&rec=1&url=https%3A%2F%2Fshop.example%2F%3Fn%3D1' +
  '&uadata=%7B%22mobile%22%3Afalse%7D&res=1920x1080&search=red+shoes';

/** Queries the parse reads otherwise than as their pairs decoded, or that do not decode. */
const NOT_PLAIN = [
  'a=1&a=2',
  'x[]=1&x[]=2',
  'a.b=1',
  'a%3Db=c',
  'a=1&&b=2',
  'a=1&',
  'flag&a=1',
  '=nameless',
  '__proto__=x',
  'bad=%E9',
  'bad=%ZZ',
  `long=${'%E4%B8%AD'.repeat(400)}`,
  Array.from({ length: 1001 }, (_, i) => `p${i}=${i}`).join('&'),
];

const PLAIN = [
  TRACKER,
  TRACKER.replace('idsite=1', 'idsite=2'),
  'e_c=Video&e_a=Play&NAME=MiXeD&nl=a%0Ab&em=%F0%9F%98%80&a%2Bb=1&a=%26%3D&empty=',
  Array.from({ length: 1000 }, (_, i) => `p${i}=${i}`).join('&'),
  '',
];

/** A request with no body: a bulk's (its entries' raw queries their own) or a GET's. */
function request(transport: 'bulk' | 'get', query: string): StoredRequest {
  const method = transport === 'get' ? 'GET' : 'POST';
  return { ...storedBulkRequest(`r-${transport}`, 1, ''), method, query, transport };
}

/** Hits of every query, each once as a bulk's entry and once as a GET request's query. */
function hitsOf(queries: string[], paramsOf: ParamsOf): CompactHit[] {
  return queries.flatMap((raw, n) =>
    (['bulk', 'get'] as const).map((transport, t) => {
      const seq = 2 * n + t + 1;
      const fields = {
        id: `h${seq}.0`,
        index: 0,
        type: 'pageview',
        outcome: 'recorded',
        summary: `Hit ${seq}`,
        idsite: 1,
      } as const;
      const own = { userAgent: 'UA', rawQuery: raw, issues: [] };
      return new CompactHit(fields, own, request(transport, raw), seq, paramsOf);
    }),
  );
}

/** Every hit position the entries leave a candidate for each search. */
async function answers(texts: SearchText, queries: string[]): Promise<string[]> {
  const terms: Promise<Uint8Array | null>[] = [];
  for (const raw of queries.slice(0, 3)) {
    for (const pair of raw.split('&')) {
      const [name = '', value = ''] = pair.split('=');
      const decoded = decodeURIComponent(value.replace(/\+/g, ' ')).toLowerCase();
      terms.push(texts.parameterEqual(name, decoded), texts.containing(decoded));
    }
  }
  terms.push(texts.parameter('a'), texts.containing('a=2'), texts.containing('x[]'));
  const found: string[] = [];
  for (const marks of await Promise.all(terms)) {
    if (marks === null) {
      found.push('all');
      continue;
    }
    const test = await texts.candidates([marks]);
    const positions: number[] = [];
    for (let p = 0; p < texts.hits; p++) if (test(p)) positions.push(p);
    found.push(positions.join(','));
  }
  return found;
}

describe('plain raw queries', () => {
  it('read as their pairs decoded, and refuse what the parse reads otherwise', () => {
    const pairs = new PlainPairs();
    expect(pairs.read(TRACKER)).toBe(true);
    expect(pairs.names.slice(0, pairs.count)).toEqual([
      ...['action_name', 'idsite', 'rec', 'url', 'uadata', 'res', 'search'],
    ]);
    expect(pairs.values.slice(0, 2)).toEqual(['Shop – Home', '1']);
    expect(pairs.values[6]).toBe('red shoes');
    for (const raw of NOT_PLAIN) expect(pairs.read(raw), raw.slice(0, 30)).toBe(false);
    for (const raw of PLAIN) expect(pairs.read(raw), raw.slice(0, 30)).toBe(true);
  });

  it('give a read-back the entries of the parsed parameters, without parsing them', async () => {
    const parse = createParamsOf({ parseRequest, decodeQuery, effectiveParams });
    let parsed = 0;
    const counting: ParamsOf = (hit, remember) => {
      parsed++;
      return parse(hit, remember);
    };
    const queries = [...PLAIN, ...NOT_PLAIN];
    // As hits just stored are given them: from the parameters as parsed.
    const fromParams = new SearchText();
    for (const hit of hitsOf(queries, parse)) fromParams.add(hit, parse(hit, false));
    // As a read-back gives them: parameters unknown.
    const readBack = new SearchText();
    const indexer = new SearchIndexer(readBack);
    indexer.enqueue(hitsOf(queries, counting), null, true);
    await indexer.drain(() => Promise.resolve());
    expect(parsed).toBe(2 * NOT_PLAIN.length);
    expect(readBack.hits).toBe(2 * queries.length);
    expect(await answers(readBack, queries)).toEqual(await answers(fromParams, queries));
  });
});
