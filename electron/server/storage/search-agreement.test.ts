// A search of the store (most hits on disk, narrowed by their search entries) answers what a
// plain filter over every hit sent answers: generated captures with awkward values (escapes,
// `+`, accents, case, values too long to keep as entries), generated filters of every kind
// the entries narrow (free text, `param.NAME=value`, query terms, OR, negation).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { matchesHitFilter } from '../../../shared/api/hit-filter';
import type { HitDto, HitFilterDto } from '../../../shared/api/types';
import { sampleRequest, SAMPLE_DEVICE } from '../../../test-support/capture/sample-dtos';
import type { HitDeriver } from './compact';
import { openHitStore, type PersistentHitStore } from './hit-store';
import type { ParamsOf } from './stored-record';

vi.setConfig({ testTimeout: 60_000 });

const derive: HitDeriver = () => ({ occurrences: [], decoded: {}, device: SAMPLE_DEVICE });
const paramsOf: ParamsOf = (hit) => Object.fromEntries(new URLSearchParams(hit.rawQuery));

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = [
  'Video',
  'vidéo',
  'clip-7',
  'a+b',
  '100%',
  'x=y&z',
  'Ünïcode',
  'two words',
  'Play',
  '42',
  '7.5',
  'café/menu',
  'ÉCLAIR',
];
const NAMES = ['e_c', 'e_a', 'e_n', 'dimension1', 'url', 'Cat'];

let dir: string;
let store: PersistentHitStore;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hitscope-agree-'));
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

function generateHits(next: () => number, count: number): ReturnType<typeof sampleRequest>[] {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  return Array.from({ length: count }, (_, n) => {
    const params: Record<string, string> = {};
    for (const name of NAMES)
      if (next() < 0.5) params[name] = `${pick(WORDS)}${pick(['', '-', ' '])}${n % 7}`;
    // Now and then a value longer than a search entry keeps.
    if (next() < 0.05) params.e_n = `${'long '.repeat(300)}${pick(WORDS)}`;
    return sampleRequest({ type: next() < 0.5 ? 'event' : 'pageview', params });
  });
}

/** A piece of a sent text, in a random case: the kind of thing a person searches for. */
function pieceOf(next: () => number, text: string): string {
  const from = Math.floor(next() * text.length);
  const piece = text.slice(from, from + 1 + Math.floor(next() * 6)).trim();
  return next() < 0.5 ? piece.toUpperCase() : piece.toLowerCase();
}

/** Raw query text that begins inside a percent escape (`%C3%A9clip` → `9clip`), if any. */
function insideEscape(next: () => number, raw: string): string | undefined {
  const escapes = [...raw.matchAll(/%[0-9A-F]{2}/g)].map((m) => m.index);
  if (escapes.length === 0) return undefined;
  const at = (escapes[Math.floor(next() * escapes.length)] as number) + 1 + Math.floor(next() * 2);
  const piece = /^[^%&+]+/.exec(raw.slice(at))?.[0];
  return piece?.toLowerCase();
}

function generateFilter(next: () => number, hits: HitDto[]): HitFilterDto {
  const hit = hits[Math.floor(next() * hits.length)] as HitDto;
  const names = Object.keys(hit.params);
  const name = names[Math.floor(next() * names.length)] as string;
  const value = String(hit.params[name]);
  const word = (text: string) => pieceOf(next, text).replace(/[\s"]/g, '') || 'x';
  switch (Math.floor(next() * 7)) {
    case 6:
      return { q: insideEscape(next, hit.rawQuery) ?? word(value) };
    case 0:
      return { q: `${word(hit.rawQuery)} ${next() < 0.3 ? word(value) : ''}`.trim() };
    case 1:
      return { params: { [name]: next() < 0.2 ? '*' : value } };
    case 2:
      return { query: `${name}:${word(value)}` };
    case 3:
      return { query: `"${word(value)}" type:event` };
    case 4:
      return { query: `${name}:${word(value)} OR -e_c:${word(value)}` };
    default:
      return { query: `${name}:*${word(value)}* ${word(hit.summary)}` };
  }
}

describe('searches of hits mostly on disk', () => {
  it('answer what a plain filter over every hit answers', async () => {
    const next = random(20_260_101);
    store = await openHitStore({ dataDir: dir, maxHits: 30, derive, paramsOf });
    await store.load();
    const sent = generateHits(next, 400);
    for (const { request, hits } of sent) await store.add(request, hits);
    const newestFirst = sent.flatMap((s) => s.hits).reverse();
    let narrowed = 0;
    for (let round = 0; round < 60; round++) {
      const filter = generateFilter(next, newestFirst);
      const expected = newestFirst.filter((hit) => matchesHitFilter(hit, filter)).map((h) => h.id);
      const page = await store.search(filter, { limit: 10_000 });
      expect(
        page.hits.map((h) => h.id),
        JSON.stringify(filter),
      ).toEqual(expected);
      expect(page.total, JSON.stringify(filter)).toBe(expected.length);
      if (expected.length < newestFirst.length) narrowed++;
    }
    // The filters select: most of them leave hits out.
    expect(narrowed).toBeGreaterThan(30);
  });
});
