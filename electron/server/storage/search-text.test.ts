// The search entries of hits leave out the hits a filter cannot match, and only those.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HitFilterDto } from '../../../shared/api/types';
import { searchableHit as hitOf } from '../../../test-support/capture/searchable-hit';
import { textCandidates } from './search-plan';
import { SearchText } from './search-text';

async function candidatesOf(texts: SearchText, filter: HitFilterDto): Promise<number[]> {
  const test = await textCandidates(texts, filter);
  const found: number[] = [];
  for (let p = 0; p < texts.hits; p++) if (!test || test(p)) found.push(p);
  return found;
}

describe('search entries', () => {
  const texts = new SearchText();
  for (let n = 0; n < 200; n++) {
    const params = { e_c: n % 50 === 0 ? 'Vidéoz' : 'Audio', e_n: `clip-${n}` };
    texts.add(hitOf(n, params), params);
  }
  const long = { e_c: 'Audio', e_n: 'x'.repeat(5_000) };
  texts.add(hitOf(200, long), long);

  it('narrow free text, parameter filters and query terms to the hits holding them', async () => {
    // 200: its value is too long to keep, so it is always a candidate.
    const videos = [0, 50, 100, 150, 200];
    expect(await candidatesOf(texts, { params: { e_c: 'Vidéoz' } })).toEqual(videos);
    expect(await candidatesOf(texts, { query: 'e_c:VID' })).toEqual(videos);
    expect(await candidatesOf(texts, { query: 'e_c:vid OR e_n:clip-7' })).toEqual([
      0, 7, 50, 70, 71, 72, 73, 74, 75, 76, 77, 78, 79, 100, 150, 200,
    ]);
    // `vid%C3%A9oz` in the raw query: a term may start inside the escape.
    expect(await candidatesOf(texts, { q: 'a9oz' })).toEqual(videos);
    expect(await candidatesOf(texts, { q: 'clip-199' })).toEqual([199, 200]);
    // Only what a term must hold narrows: a negation, a field or a `%` leave every hit.
    expect(await candidatesOf(texts, { query: '-e_c:Audio' })).toHaveLength(201);
    expect(await candidatesOf(texts, { q: '%c3' })).toHaveLength(201);
  });

  it('keep the raw pairs that read otherwise than the typed parameters, and those only', async () => {
    const fresh = new SearchText();
    const typed = { e_c: 'Typed', e_a: 'Same value' };
    // PHP reads `e.c` as `e_c`: the raw pair names what was sent, the typed entry what Matomo read.
    fresh.add({ ...hitOf(1, {}), rawQuery: 'e.c=Raw%20Only&e_a=Same+value' }, typed);
    fresh.add(hitOf(2, { e_c: 'Other' }), { e_c: 'Other' });
    expect(await candidatesOf(fresh, { q: 'raw only' })).toEqual([0]);
    expect(await candidatesOf(fresh, { query: 'e_c:typed' })).toEqual([0]);
    expect(await candidatesOf(fresh, { params: { e_a: 'Same value' } })).toEqual([0]);
    expect(await candidatesOf(fresh, { params: { e_c: 'Other' } })).toEqual([1]);
  });

  it('keep a raw pair its typed value does not match, whatever the order of the pairs', async () => {
    const fresh = new SearchText();
    const typed = { e_c: 'Last', e_a: 'a+b', e_n: 'Trim', e_v: 'é' };
    // An earlier duplicate, a `+` read as a space, an escape decoding to more than the typed
    // value, and pairs out of the typed order: each raw pair's decoded text decides, not its
    // name alone.
    const raw = 'e_v=%C3%A9&e_c=First&e_a=a+b&e_n=Trim%21&e_c=Last';
    fresh.add({ ...hitOf(1, {}), rawQuery: raw }, typed);
    fresh.add({ ...hitOf(2, {}), rawQuery: 'e_c=Last&e_a=a%2Bb&e_n=Trim&e_v=%C3%A9' }, typed);
    expect(await candidatesOf(fresh, { q: 'first' })).toEqual([0]);
    expect(await candidatesOf(fresh, { q: 'trim!' })).toEqual([0]);
    expect(await candidatesOf(fresh, { params: { e_c: 'Last' } })).toEqual([0, 1]);
    expect(await candidatesOf(fresh, { q: 'e_v=é' })).toEqual([0, 1]);
  });

  it('start again empty when cleared', async () => {
    const fresh = new SearchText();
    fresh.add(hitOf(1, { a: 'b' }), { a: 'b' });
    fresh.clear();
    fresh.add(hitOf(2, { c: 'd' }), { c: 'd' });
    expect(await candidatesOf(fresh, { params: { c: 'd' } })).toEqual([0]);
    expect(await candidatesOf(fresh, { params: { a: 'b' } })).toEqual([]);
  });

  it('stop at the first 1,024 issues of a hit, which then stays a candidate', async () => {
    const fresh = new SearchText();
    const issues = (count: number) =>
      Array.from({ length: count }, (_, n) => ({ code: 'json.shape', message: `slot ${n}` }));
    fresh.add({ ...hitOf(1, {}), issues: issues(1_024) }, {});
    fresh.add({ ...hitOf(2, {}), issues: issues(100_000) }, {});
    expect(await candidatesOf(fresh, { q: 'slot 1023' })).toEqual([0, 1]);
    // The second hit's 100,000 issues are not all given entries: it is read whole instead.
    expect(await candidatesOf(fresh, { q: 'slot 99999' })).toContain(1);
    expect(await candidatesOf(fresh, { q: 'no such text' })).toEqual([1]);
  });

  it('leave in a hit whose parameters cannot be read', async () => {
    const fresh = new SearchText();
    fresh.add(hitOf(1, { a: 'b' }), { a: 'b' });
    fresh.add(hitOf(2, { c: 'd' }), null);
    expect(await candidatesOf(fresh, { params: { a: 'b' } })).toEqual([0, 1]);
    expect(await candidatesOf(fresh, { params: { x: 'y' } })).toEqual([1]);
  });
});

describe('search entries of texts seen before', () => {
  it('tell one value under two names apart', async () => {
    const texts = new SearchText();
    texts.add({ ...hitOf(1, {}), userAgent: 'Same' }, { a: 'Same', b: 'x' });
    texts.add(hitOf(2, {}), { b: 'Same' });
    expect(await candidatesOf(texts, { params: { a: 'Same' } })).toEqual([0]);
    expect(await candidatesOf(texts, { params: { b: 'Same' } })).toEqual([1]);
    expect(await candidatesOf(texts, { query: 'b:same' })).toEqual([1]);
  });

  it('are found again after a clear and after more texts than are remembered', async () => {
    const texts = new SearchText();
    texts.add(hitOf(1, {}), { a: 'b' });
    texts.clear();
    texts.add(hitOf(2, {}), { c: 'd' });
    texts.add(hitOf(3, {}), { a: 'b' });
    expect(await candidatesOf(texts, { params: { a: 'b' } })).toEqual([1]);
    // Two megabytes of distinct values: what was remembered is forgotten on the way.
    for (let n = 0; n < 2_000; n++) texts.add(hitOf(n, {}), { v: `${n}`.padEnd(1_000, 'v') });
    texts.add(hitOf(4, {}), { a: 'b', c: 'D' });
    expect(await candidatesOf(texts, { params: { a: 'b' } })).toEqual([1, 2_002]);
    expect(await candidatesOf(texts, { params: { c: 'd' } })).toEqual([0, 2_002]);
  });
});

describe('search entries of values that rarely repeat', () => {
  it('are found all the same once such values are no longer remembered', async () => {
    const texts = new SearchText();
    for (let n = 0; n < 1_000; n++) texts.add(hitOf(n, {}), { r: `${n}`, rec: '1' });
    expect(await candidatesOf(texts, { params: { r: '7' } })).toEqual([7]);
    expect(await candidatesOf(texts, { params: { r: '999' } })).toEqual([999]);
    expect(await candidatesOf(texts, { params: { rec: '1' } })).toHaveLength(1_000);
  });
});

describe('search entries past the first buffers of texts', { timeout: 60_000 }, () => {
  it('are found in every buffer, at their edges too, after a clear as well', async () => {
    const texts = new SearchText();
    const fill = (count: number) => {
      // Ten megabytes of distinct values: the texts take several buffers, the arrays grow.
      for (let n = 0; n < count; n++) {
        texts.add(hitOf(n, {}), { v: `${n}`.padStart(6, '0').padEnd(1_000, 'v'), k: `k${n}` });
      }
    };
    fill(10_000);
    const every = (n: number) => `${n}`.padStart(6, '0');
    // Every value is found, those cut off by the end of a buffer as well.
    const all = new SearchText();
    for (let n = 0; n < 10_000; n++) all.add(hitOf(n, {}), { v: every(n).padEnd(1_000, 'v') });
    expect(await candidatesOf(all, { q: 'v=0' })).toHaveLength(10_000);
    for (let n = 0; n < 10_000; n += 37) {
      expect(await candidatesOf(texts, { q: `v=${every(n)}` })).toEqual([n]);
    }
    expect(await candidatesOf(texts, { params: { k: 'k4199' } })).toEqual([4_199]);
    expect(await candidatesOf(texts, { query: 'v:009999' })).toEqual([9_999]);
    expect(await candidatesOf(texts, { q: 'k0' })).toEqual([0]);
    texts.clear();
    fill(5_000);
    expect(await candidatesOf(texts, { params: { k: 'k4999' } })).toEqual([4_999]);
    expect(await candidatesOf(texts, { query: 'k:k9999' })).toEqual([]);
  });
});

describe('search entries marked in slices', () => {
  /** 3,000 hits holding `clip-`, and a search of it whose pauses run `meanwhile` once. */
  async function searchWhile(meanwhile: (texts: SearchText) => void) {
    const texts = new SearchText();
    for (let n = 0; n < 3_000; n++) texts.add(hitOf(n, { e_n: `clip-${n}` }), { e_n: `clip-${n}` });
    let pauses = 0;
    const pause = () => {
      if (pauses++ === 0) meanwhile(texts);
      return Promise.resolve();
    };
    const test = await textCandidates(texts, { q: 'clip-' }, undefined, undefined, pause);
    expect(pauses).toBeGreaterThan(0);
    return { texts, test: test as (position: number) => boolean };
  }

  it('let through a hit stored meanwhile, though the marks never saw its entries', async () => {
    const { texts, test } = await searchWhile((texts) => {
      texts.add(hitOf(3_000, { e_n: 'clip-new' }), { e_n: 'clip-new' });
    });
    expect(texts.hits).toBe(3_001);
    expect(test(3_000)).toBe(true);
    expect(test(2_999)).toBe(true);
  });

  it('let every hit through after a clear meanwhile', async () => {
    const { test } = await searchWhile((texts) => {
      texts.clear();
      for (let n = 0; n < 10; n++) texts.add(hitOf(n, { e_c: 'Other' }), { e_c: 'Other' });
    });
    for (let p = 0; p < 10; p++) expect(test(p)).toBe(true);
  });
});

describe('candidates of few marked entries', () => {
  /** A random capture: values from small sets, some hits without entries. */
  function randomTexts(seed: number): SearchText {
    let state = seed;
    const next = (n: number) => {
      state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
      return state % n;
    };
    const texts = new SearchText();
    for (let n = 0; n < 600; n++) {
      if (next(20) === 0) {
        texts.addUnsure(1 + next(3));
        continue;
      }
      const params: Record<string, string> = { e_c: `cat${next(30)}`, e_a: `act${next(4)}` };
      if (next(3) === 0) params['dimension1'] = `d${next(200)}`;
      texts.add(hitOf(n, params), params);
    }
    return texts;
  }

  it('are the hits the test of every hit in turn finds, on random captures', async () => {
    for (let seed = 1; seed <= 30; seed++) {
      const texts = randomTexts(seed);
      const groupsOf: (() => Promise<Uint8Array | null>)[][] = [
        [() => texts.parameterEqual('e_c', 'cat7')],
        [() => texts.parameterEqual('e_c', 'cat3'), () => texts.parameterEqual('e_a', 'act1')],
        [() => texts.parameterEqual('dimension1', 'd17')],
        [() => texts.parameterEqual('e_c', 'no such value')],
        // Many entries marked: every hit is tested in turn.
        [() => texts.parameterHolding('e_a', 'act'), () => texts.parameterEqual('e_c', 'cat1')],
        [() => texts.parameterHolding('e_c', 'cat')],
      ];
      for (const makers of groupsOf) {
        const groups = (await Promise.all(makers.map((make) => make()))) as Uint8Array[];
        const { found, expected } = await bothWays(texts, groups);
        expect(found).toEqual(expected);
      }
    }
  });

  it('are the same found where the holders of rare texts lie as by every hit in turn', async () => {
    // Values from small sets, some rare (d0…d299), some hits without entries (null).
    const capture = fc.array(
      fc.oneof(
        {
          weight: 9,
          arbitrary: fc.record({ c: fc.nat(40), a: fc.nat(3), d: fc.option(fc.nat(300)) }),
        },
        { weight: 1, arbitrary: fc.constant(null) },
      ),
      { maxLength: 400 },
    );
    const term = fc.constantFrom('c1', 'c7', 'a2', 'd1', 'd29', 'd299', 'zz', 'c', '=');
    await fc.assert(
      fc.asyncProperty(
        capture,
        fc.array(term, { minLength: 1, maxLength: 3 }),
        async (hits, terms) => {
          const texts = new SearchText();
          hits.forEach((hit, n) => {
            if (hit === null) return texts.addUnsure(1);
            const params: Record<string, string> = { e_c: `c${hit.c}`, e_a: `a${hit.a}` };
            if (hit.d !== null) params['dimension1'] = `d${hit.d}`;
            texts.add(hitOf(n, params), params);
          });
          const groups: Uint8Array[] = [];
          for (const t of terms) groups.push((await texts.containing(t)) as Uint8Array);
          const { found, expected } = await bothWays(texts, groups);
          expect(found).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });
});

/** Positions `candidates` finds, and those the test of each hit finds, up to past the end. */
async function bothWays(texts: SearchText, groups: Uint8Array[]) {
  const all = await texts.candidates(groups);
  const each = texts.candidateTest(groups);
  const found: number[] = [];
  const expected: number[] = [];
  for (let p = 0; p < texts.hits + 2; p++) {
    if (all(p)) found.push(p);
    if (each(p)) expected.push(p);
  }
  return { found, expected };
}
