// Own process: turns on V8's gc() for the process, to weigh what an analysis keeps alive.
// A large bulk's entries have their occurrences and decoded values made when first read
// (built-on-read.ts): the analysis of 2,000 page views no longer keeps them until the bulk is
// announced, and what a reader gets is exactly what the analysis of the same entries in a
// small bulk gives.
import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { analyzeRequest } from './analyze';
import { isBuiltOnRead } from './built-on-read';
import type { RawRequest, RequestAnalysis, SiteProfile } from './types';

v8.setFlagsFromString('--expose-gc');
const collect = vm.runInNewContext('gc') as () => void;

const NOW = Date.parse('2026-03-01T12:00:00Z');
const USER_AGENT =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';

/** A page view as matomo.js sends it, some two dozen parameters. */
function pageView(n: number): string {
  const url = encodeURIComponent(`https://shop.example/products/${n}?utm_source=news`);
  return (
    `?action_name=Products%20${n}&idsite=1&rec=1&r=${100000 + n}&h=12&m=${n % 60}&s=7` +
    `&url=${url}&urlref=https%3A%2F%2Fwww.google.com%2F&_id=5a2b3c4d5e6f${(7000 + n).toString(16)}` +
    `&_idn=0&send_image=0&_refts=1729771200&pv_id=pv${n}&dimension1=member&pdf=1&qt=0` +
    `&realp=0&wma=0&fla=0&java=0&ag=0&cookie=1&res=1920x1080&gt_ms=${n % 900}&pf_net=12`
  );
}

/** Entries of every kind a bulk may hold, page views after the first few. */
function entries(count: number): unknown[] {
  const items: unknown[] = [
    `?idsite=1&rec=1&action_name=arr&a[]=1`,
    `?idsite=1&rec=1&action_name=${'x'.repeat(20_000)}`,
    { idsite: 1, rec: 1, action_name: 'object entry', url: 'https://o.example/' },
    `https://t.example/matomo.php?idsite=1&rec=1&action_name=from%20a%20URL`,
    `?idsite=1&rec=1&idgoal=0&ec_id=o1&revenue=12.5&ec_items=${encodeURIComponent('[["S","N","C",10,1]]')}`,
    `?idsite=1&rec=1&e_c=cat&e_a=act&e_v=3.5&cdt=${NOW / 1000 - 60}&token_auth=abc`,
  ];
  for (let n = items.length; n < count; n++) items.push(pageView(n));
  return items;
}

const bulk = (items: unknown[]): RawRequest => ({
  method: 'POST',
  path: '/matomo.php',
  query: '',
  headers: { 'user-agent': USER_AGENT, 'content-type': 'application/json' },
  body: new TextEncoder().encode(JSON.stringify({ requests: items })),
});

const SITE: SiteProfile = {
  idsite: 1,
  name: 'Shop',
  urls: ['https://shop.example'],
  goals: [],
  dimensions: [1],
  siteSearch: false,
  tokens: ['0123456789abcdef0123456789abcdef'],
};

const analyze = (raw: RawRequest): RequestAnalysis =>
  analyzeRequest(raw, { now: NOW, sites: [SITE] });

/** Bytes the heap holds after a collection. */
function heldBytes(): number {
  collect();
  return process.memoryUsage().heapUsed;
}

describe("a large bulk's entry views", () => {
  it('are not kept by its analysis until something reads them', () => {
    const raw = bulk(entries(2000));
    analyze(raw); // Warms the engine's caches (shapes, devices, pools).
    const before = heldBytes();
    const analysis = analyze(raw);
    const kept = heldBytes() - before;
    // Reading every hit's views makes them: then the analysis holds them as it used to.
    expect(JSON.stringify(analysis.hits).length).toBeGreaterThan(0);
    const keptOnceRead = heldBytes() - before;
    expect(analysis.hits).toHaveLength(2000);
    // Made when read, they weigh nearly as much as all the rest the analysis keeps.
    expect(keptOnceRead).toBeGreaterThan(1.5 * kept);
  });

  it('read, are exactly those of the same entries analysed in a small bulk', () => {
    const items = entries(1200);
    const large = analyze(bulk(items));
    const small = analyze(bulk(items.slice(0, 60)));
    const first = large.hits.slice(0, 60);
    expect(isBuiltOnRead(first[10]!.occurrences)).toBe(true);
    expect(isBuiltOnRead(first[10]!.decoded)).toBe(true);
    expect(isBuiltOnRead(small.hits[10]!.occurrences)).toBe(false);
    expect(JSON.stringify(first)).toBe(JSON.stringify(small.hits));
    expect(first).toEqual(small.hits);
    expect(large.response).toEqual(analyze(bulk(items)).response);
  });

  it('are kept as parsed for entries whose checks read them or that are long', () => {
    const hits = analyze(bulk(entries(1200))).hits;
    // Array syntax (a finding of the parse), 20,000 characters, an object entry.
    for (const hit of hits.slice(0, 3)) expect(isBuiltOnRead(hit.occurrences)).toBe(false);
    expect(isBuiltOnRead(hits[3]!.occurrences)).toBe(true);
  });
});

describe('the analysis of a large bulk of page views', () => {
  it('keeps a bounded number of bytes per hit until something reads its views', () => {
    // What it keeps until the bulk is stored, the young generation's collections copy twice
    // while the bulk is read: most of the collector's time before the answer.
    const hits = 3000;
    const raw = bulk(Array.from({ length: hits }, (_, n) => pageView(n)));
    const ctx = { now: NOW, sites: [] };
    // Warms the engine's caches (shapes, devices, recent pairs and values).
    for (let round = 0; round < 2; round++) analyzeRequest(raw, ctx);
    const before = heldBytes();
    const analysis = analyzeRequest(raw, ctx);
    const keptPerHit = (heldBytes() - before) / hits;
    expect(analysis.hits).toHaveLength(hits);
    expect(analysis.hits.every((hit) => hit.outcome === 'recorded')).toBe(true);
    // About 1,600 bytes: the entry's text (two thirds of it), its parameters, the hit, and
    // its two views made when read, each a proxy and one target that holds what the view is
    // made from. A handler of its own per view, and the time as a number of its own per hit,
    // made 1,740 bytes: the bound fails there.
    expect(keptPerHit).toBeLessThan(1_670);
  });
});
