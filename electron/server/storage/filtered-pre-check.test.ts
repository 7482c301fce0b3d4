// A filtered page during the read-back skips the lines whose bytes cannot spell what a match
// holds (line-pre-check.ts): its pages are those of the walk that parses every line, whatever
// escapes and cases spell the values, and a line ruled out is never parsed.
import fc from 'fast-check';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { HitFilterDto } from '../../../shared/api/types';
import { effectiveParams } from '../../../shared/matomo/effective-params';
import { parseRequest } from '../../../shared/matomo/parse';
import { decodeQuery } from '../../../shared/matomo/query-string';
import type { HitType } from '../../../shared/matomo/types';
import { sampleRequest } from '../../../test-support/capture/sample-dtos';
import { useStoreDirs } from '../../../test-support/capture/store-dirs';
import { createParamsOf } from '../derive-hit';
import type * as DecodeLine from './decode-line';
import type * as PreCheck from './line-pre-check';

/** Whether the walk tests lines by their bytes, and the request ids of the lines parsed. */
const control = vi.hoisted(() => ({ preCheck: true, parsed: [] as string[] }));

vi.mock('./line-pre-check', async (importOriginal) => {
  const real = await importOriginal<typeof PreCheck>();
  return {
    ...real,
    linePreCheck: (groups: string[][]) => (control.preCheck ? real.linePreCheck(groups) : null),
  };
});

vi.mock('./decode-line', async (importOriginal) => {
  const real = await importOriginal<typeof DecodeLine>();
  const requestId = (bytes: string | Buffer) =>
    /"request":\{"id":"([^"]+)"/.exec(Buffer.from(bytes).toString('latin1', 0, 200))?.[1] ?? '?';
  return {
    ...real,
    lazyLine: (...args: Parameters<typeof real.lazyLine>) => {
      control.parsed.push(requestId(args[0]));
      return real.lazyLine(...args);
    },
  };
});

const paramsOf = createParamsOf({ parseRequest, decodeQuery, effectiveParams });
const stores = useStoreDirs('hitscope-pre-check-', paramsOf);
const { open, closeAll } = stores;

beforeEach(() => {
  control.preCheck = true;
  control.parsed = [];
});

/** A value as a query string may spell it: each character as is, escaped or `+`. */
interface Spelled {
  value: string;
  raw: string;
}

const hexOf = (byte: number, upper: boolean) => {
  const text = byte.toString(16).padStart(2, '0');
  return upper ? text.toUpperCase() : text;
};

/**
 * Characters of values: the needles' (in both cases, letters no other field of the line
 * holds), their look-alikes and what JSON escapes are made of.
 */
const CHARS = [...'qQzZkKiIuUnN01 /,[&<"\\', '\u212a', '\u0130', '\n', '\u0001', 'é'];

/** Characters whose lower case holds an ASCII letter. */
const LOOK_ALIKES: Record<string, string> = { k: '\u212a', i: '\u0130' };

/** `char` in another case or as its look-alike (`how` 4, 5), spelled as is, escaped or `+`. */
function spelled(char: string, how: number): Spelled {
  const variant =
    how === 4
      ? char === char.toLowerCase()
        ? char.toUpperCase()
        : char.toLowerCase()
      : how === 5
        ? (LOOK_ALIKES[char.toLowerCase()] ?? char)
        : char;
  const bytes = [...Buffer.from(variant, 'utf8')];
  if (variant === ' ' && how % 2 === 0) return { value: variant, raw: '+' };
  if (/^[A-Za-z0-9./]$/.test(variant) && how % 4 < 2) return { value: variant, raw: variant };
  return { value: variant, raw: bytes.map((b) => `%${hexOf(b, how % 2 === 1)}`).join('') };
}

const NEEDLES = ['qz', 'qk', 'zqi', 'q z', 'z/q', 'u0001', 'nq', 'qu'];

/** A value spelled from `pieces`, each character its own way. */
const spelledOf = (pieces: fc.Arbitrary<string>, maxLength: number) =>
  fc
    .array(
      fc.tuple(pieces, fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 5, maxLength: 5 })),
      { maxLength },
    )
    .map((parts) => {
      const chars = parts.flatMap(([text, hows]) =>
        [...text].map((char, i) => spelled(char, hows[i % hows.length] as number)),
      );
      return { value: chars.map((c) => c.value).join(''), raw: chars.map((c) => c.raw).join('') };
    });

/** Characters no needle holds. */
const NOISE = [...'aAcC,[&<"\\', '\n', '\u0001', 'é'];

/** One hit's query: `e_c` spelling `needle` or not, and noise. */
const hitQuery = (needle: string) =>
  fc
    .record({
      ec: spelledOf(
        fc.oneof(
          { weight: 3, arbitrary: fc.constant(needle) },
          { weight: 1, arbitrary: fc.constantFrom(...CHARS) },
        ),
        2,
      ),
      other: spelledOf(fc.constantFrom(...NOISE), 4),
    })
    .map(({ ec, other }) => `idsite=1&rec=1&e_c=${ec.raw}&e_a=${other.raw}`);

const lineOf = (needle: string) =>
  fc.record({
    queries: fc.array(hitQuery(needle), { minLength: 1, maxLength: 2 }),
    type: fc.constantFrom<HitType>('pageview', 'event'),
  });

const filterOf = (n: string) =>
  fc.constantFrom<HitFilterDto>(
    { query: `e_c:"${n}"` },
    { query: `type:event e_c:*${n}*` },
    { params: { e_c: n } },
    { q: n, type: 'event' },
    { query: `e_a:"${n}" OR e_c:"${n}"` },
  );

/** Lines whose values spell a needle in many ways, and a filter for it. */
const scene = fc.constantFrom(...NEEDLES).chain((needle) =>
  fc.record({
    lines: fc.array(lineOf(needle), { minLength: 1, maxLength: 8 }),
    filter: filterOf(needle),
    limit: fc.integer({ min: 1, max: 3 }),
  }),
);

type Line = ReturnType<typeof lineOf> extends fc.Arbitrary<infer T> ? T : never;

async function storeLines(lines: Line[]): Promise<void> {
  const store = await open();
  await store.load();
  for (const { queries, type } of lines) {
    const { request, hits } = sampleRequest({ hits: queries.length, transport: 'bulk', type });
    const entries = queries.map((query) => `?${query}`);
    request.body = JSON.stringify({ requests: entries });
    request.query = '';
    hits.forEach((hit, i) => {
      hit.rawQuery = queries[i] as string;
      // As the analysis gives them: the search entries, and the names the snapshot keeps of
      // each line, are made of them.
      hit.params = effectiveParams(decodeQuery(hit.rawQuery, 'bulk').occurrences, []);
    });
    await store.add(request, hits);
  }
  await closeAll();
}

const pageKey = (page: { hits: { id: string }[]; next: string | null; total: number }) => ({
  ids: page.hits.map((hit) => hit.id),
  next: page.next,
  total: page.total,
});

describe('the byte test of a filtered walk', () => {
  it('gives the pages of the walk that parses every line', async () => {
    /** Runs whose filter matched hits: the lines spelled the needle some way. */
    let withMatches = 0;
    await fc.assert(
      fc.asyncProperty(scene, async ({ lines, filter, limit }) => {
        await stores.fresh();
        await storeLines(lines);
        let release: () => void = () => undefined;
        const held = new Promise<void>((resolve) => (release = resolve));
        const store = await open(held);
        const loading = store.load();
        await store.loading();
        const walk = async (preCheck: boolean, before?: string) => {
          control.preCheck = preCheck;
          const page = await store.search(filter, { limit, before, whileLoading: true });
          return { ...pageKey(page), complete: page.complete };
        };
        const parsedFirst = await walk(false);
        const checkedFirst = await walk(true);
        if (parsedFirst.ids.length > 0) withMatches++;
        expect(checkedFirst).toEqual(parsedFirst);
        if (parsedFirst.next !== null) {
          expect(await walk(true, parsedFirst.next)).toEqual(await walk(false, parsedFirst.next));
        }
        release();
        await loading;
        await closeAll();
      }),
      { numRuns: 100 },
    );
    expect(withMatches).toBeGreaterThan(20);
  });

  it('does not parse a line it rules out', async () => {
    const store = await open();
    await store.load();
    const needle = sampleRequest({ params: { e_c: 'Video' } });
    await store.add(needle.request, needle.hits);
    const others = Array.from({ length: 4 }, (_, i) =>
      sampleRequest({ params: { e_c: `Audio ${i}` } }),
    );
    for (const { request, hits } of others) await store.add(request, hits);
    await closeAll();

    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const reopened = await open(held);
    const loading = reopened.load();
    await reopened.loading();
    control.parsed = [];
    const page = await reopened.search({ query: 'e_c:video' }, { limit: 10, whileLoading: true });
    expect(page.hits.map((hit) => hit.id)).toEqual([needle.hits[0]?.id]);
    expect(page.complete).toBe(false);
    expect(control.parsed).toEqual([needle.request.id]);
    release();
    await loading;
  });
});
