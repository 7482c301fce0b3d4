// While the data file is read back after a restart, pages and reads by id are answered from
// the lines themselves (newest-while-loading.ts). A damaged bulk's line, in slices or whole,
// must list there the hits the load keeps of it, with the same ids and the same contents,
// whichever of its pieces a page or a read reaches first.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sampleRequest, SAMPLE_DEVICE } from '../../../test-support/capture/sample-dtos';
import type { ParamValue } from '../../../shared/matomo/types';
import type { HitDeriver } from './compact';
import { decodeLineInSlices } from './decode-line';
import { DATA_FILE_NAME, openHitStore, type OpenedHitStore } from './hit-store';
import { SNAPSHOT_FILE_NAME } from './index-snapshot';
import type { ParamsOf } from './stored-record';

const derive: HitDeriver = () => ({ occurrences: [], decoded: {}, device: SAMPLE_DEVICE });
const paramsOf: ParamsOf = (hit) => Object.fromEntries(new URLSearchParams(hit.rawQuery));

/** The data directory of the store opened now, and the stores opened on it. */
let dir = '';
const opened: OpenedHitStore[] = [];

const open = async (fullReadAfter?: Promise<void>) => {
  const store = await openHitStore({ dataDir: dir, maxHits: 100, derive, paramsOf, fullReadAfter });
  opened.push(store);
  return store;
};

/** Runs `body` on a new data directory, gone after with the stores opened on it. */
async function inNewDir(body: () => Promise<void>): Promise<void> {
  dir = mkdtempSync(join(tmpdir(), 'hitscope-damaged-while-loading-'));
  try {
    await body();
  } finally {
    for (const store of opened.splice(0)) await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A single hit, a bulk of `hits` (its hit `i` is `item-<i>`), a single hit; the bulk's id. */
async function writeFile(hits: number): Promise<string> {
  const store = await open();
  await store.load();
  const bulk = sampleRequest({ hits });
  bulk.hits.forEach((hit, i) => {
    const params = { idsite: '1', rec: '1', action_name: `item-${i}` };
    hit.params = params;
    hit.rawQuery = new URLSearchParams(params).toString();
  });
  const before = sampleRequest();
  await store.add(before.request, before.hits);
  await store.add(bulk.request, bulk.hits);
  const after = sampleRequest();
  await store.add(after.request, after.hits);
  await store.close();
  return bulk.request.id;
}

/**
 * Rewrites the bulk's line from its head and hit pieces given to `change`, as written in
 * slices (a tab before each hit) or whole; the index snapshot goes, so the restart reads the
 * file itself. Returns the line.
 */
function damageBulk(
  bulkId: string,
  change: (head: string, pieces: string[]) => string[],
  sliced = true,
): string {
  const path = join(dir, DATA_FILE_NAME);
  const lines = readFileSync(path, 'utf8').split('\n');
  const at = lines.findIndex((line) => line.includes(`"id":"${bulkId}"`));
  const line = lines[at] as string;
  const open = line.indexOf('"hits":[') + '"hits":['.length;
  const pieces = line
    .slice(open, -2)
    .split(/(?<=\}),(?=\{"userAgent":)/)
    .map((hit, i, all) => (i === all.length - 1 ? `${hit}]}` : `${hit},`));
  lines[at] = change(line.slice(0, open), pieces).join(sliced ? '\t' : '');
  writeFileSync(path, lines.join('\n'));
  rmSync(join(dir, SNAPSHOT_FILE_NAME), { force: true });
  return lines[at];
}

/** Whether `line` reads back whole with a hit whose id is not hitIdOf of its place. */
async function readsWholeUnderOtherIds(bulkId: string, line: string): Promise<boolean> {
  try {
    const read = await decodeLineInSlices(Buffer.from(line), () => Promise.resolve());
    return read.hits.some((hit, i) => hit.id !== `${bulkId}.${i}`);
  } catch {
    return false;
  }
}

/** One change to a bulk's line; `at` picks a piece (modulo their number). */
type Damage =
  | { kind: 'break' | 'cut' | 'drop' | 'repeat' | 'bare'; at: number }
  | { kind: 'id'; at: number; names: 'own' | 'other' | 'none'; place: number }
  | { kind: 'count'; count: number };

const damage: fc.Arbitrary<Damage> = fc.oneof(
  fc.record({ kind: fc.constantFrom('break', 'cut', 'drop', 'repeat', 'bare'), at: fc.nat(7) }),
  fc.record({
    kind: fc.constant('id'),
    at: fc.nat(7),
    names: fc.constantFrom('own', 'other', 'none'),
    place: fc.nat(8),
  }),
  fc.record({ kind: fc.constant('count'), count: fc.nat(9) }),
) as fc.Arbitrary<Damage>;

/**
 * The line's head and pieces after `damages`: a piece that does not parse, one cut short (it
 * ends neither with "," nor "]}"), pieces missing or repeated, an id naming another place or
 * request (or none), a head stating another count. Each piece but the last ends with a comma,
 * the last closes the line, unless cut.
 */
function applied(bulkId: string, head: string, pieces: string[], damages: Damage[]): string[] {
  let hits = pieces.map((piece) => piece.replace(/(,|\]\})$/, ''));
  const cut = new Set<number>();
  for (const change of damages) {
    const at = 'at' in change ? change.at % hits.length : 0;
    const hit = hits[at] as string;
    if (change.kind === 'break') hits[at] = hit.replace('{"userAgent":', '{"userAgent"');
    else if (change.kind === 'cut') cut.add(at);
    else if (change.kind === 'bare') hits[at] = `{${/"id":"[^"]*"/.exec(hit)?.[0] ?? ''}}`;
    else if (change.kind === 'drop' && hits.length > 1) hits = hits.filter((_, i) => i !== at);
    else if (change.kind === 'repeat') hits.splice(at, 0, hit);
    else if (change.kind === 'id') {
      const id = { own: `${bulkId}.${change.place}`, other: `t0.${change.place}`, none: 'x' };
      hits[at] = hit.replace(/"id":"[^"]*"/, `"id":"${id[change.names]}"`);
    } else if (change.kind === 'count') {
      head = head.replace(/"hitCount":\d+/, `"hitCount":${change.count}`);
    }
  }
  const closed = hits.map((hit, i) => {
    const piece = i === hits.length - 1 ? `${hit}]}` : `${hit},`;
    return cut.has(i) ? piece.slice(0, -1) : piece;
  });
  return [head, ...closed];
}

/** Each hit as its id and its name. */
type Listed = [string, ParamValue | undefined][];

/** Every hit of the unfiltered pages of `limit` while the read-back is held. */
async function pagesWhileLoading(store: OpenedHitStore, limit: number): Promise<Listed> {
  const listed: Listed = [];
  let before: string | null = null;
  do {
    const page = await store.search({}, { limit, before, whileLoading: true, views: 'full' });
    expect(page.complete).toBe(false);
    listed.push(...page.hits.map((hit): Listed[number] => [hit.id, hit.params['action_name']]));
    before = page.next;
  } while (before);
  return listed;
}

async function pagesLoaded(store: OpenedHitStore): Promise<Listed> {
  const page = await store.search({}, { limit: 1000, views: 'full' });
  return page.hits.map((hit) => [hit.id, hit.params['action_name']]);
}

/** Reads by id of each of `ids`: its id and name, or null when none is found. */
async function readById(store: OpenedHitStore, ids: string[]): Promise<(Listed[number] | null)[]> {
  const found: (Listed[number] | null)[] = [];
  for (const id of ids) {
    const detail = await store.detail(id, 'full');
    found.push(detail ? [detail.hit.id, detail.hit.params['action_name']] : null);
  }
  return found;
}

/** The page walk and reads by id while the load is held, then the same once it is over. */
async function compare(bulkId: string, hits: number, limit: number, idsFirst: boolean) {
  let release: () => void = () => undefined;
  const store = await open(new Promise<void>((resolve) => (release = resolve)));
  const loading = store.load();
  const ids = Array.from({ length: hits + 2 }, (_, i) => `${bulkId}.${i}`);
  const byIdFirst = idsFirst ? await readById(store, ids) : null;
  const during = await pagesWhileLoading(store, limit);
  const byId = byIdFirst ?? (await readById(store, ids));
  release();
  await loading;
  return {
    during: { pages: during, byId },
    loaded: { pages: await pagesLoaded(store), byId: await readById(store, ids) },
  };
}

describe('a damaged bulk line while the data file is read back', () => {
  it('lists what the load keeps when an earlier piece has a wrong id beside a broken one', async () => {
    await inNewDir(async () => {
      const bulkId = await writeFile(6);
      // Piece 1 names hit 4, piece 2 does not parse: the load keeps 0, piece 1 as 4, and 5.
      damageBulk(bulkId, (head, pieces) => {
        pieces[1] = (pieces[1] as string).replace(`"id":"${bulkId}.1"`, `"id":"${bulkId}.4"`);
        pieces[2] = (pieces[2] as string).replace('{"userAgent":', '{"userAgent"');
        return [head, ...pieces];
      });
      const { during, loaded } = await compare(bulkId, 6, 2, false);
      expect(loaded.pages.slice(1, 4)).toEqual([
        [`${bulkId}.5`, 'item-5'],
        [`${bulkId}.4`, 'item-1'],
        [`${bulkId}.0`, 'item-0'],
      ]);
      expect(during).toEqual(loaded);
    });
  });

  // A piece that parses with its id alone cannot be made a hit: the load sets the line aside.
  // Written whole, the line holds no damage to read around, wherever that piece stands.
  it.each([
    { piece: 0, sliced: true },
    { piece: 1, sliced: false },
  ])(
    'lists none of a line the load sets aside for piece $piece that is not a stored hit (sliced: $sliced)',
    async ({ piece, sliced }) => {
      await inNewDir(async () => {
        const bulkId = await writeFile(3);
        const change = (head: string, pieces: string[]) => {
          pieces[piece] = `{"id":"${bulkId}.${piece}"},`;
          return [head, ...pieces];
        };
        damageBulk(bulkId, change, sliced);
        const { during, loaded } = await compare(bulkId, 3, 1, false);
        expect(loaded.pages.map(([id]) => id).filter((id) => id.startsWith(bulkId))).toEqual([]);
        expect(during).toEqual(loaded);
      });
    },
  );

  it('reads around a piece that is not a stored hit when the line is damaged after it', async () => {
    await inNewDir(async () => {
      const bulkId = await writeFile(2);
      // Piece 0 has an id alone, naming a place past the count the head states; that count
      // (3) is found wrong only at the line's end: the line is read in part, piece 0 left out.
      damageBulk(bulkId, (head, pieces) => [
        head.replace(/"hitCount":\d+/, '"hitCount":3'),
        `{"id":"${bulkId}.3"},`,
        ...pieces.slice(1),
      ]);
      const { during, loaded } = await compare(bulkId, 2, 1, false);
      expect(loaded.pages.filter(([id]) => id.startsWith(bulkId))).toEqual([
        [`${bulkId}.1`, 'item-1'],
      ]);
      expect(during).toEqual(loaded);
    });
  });

  it('lists what the load keeps, by page and by id, whatever the damage', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 6 }),
        fc.array(damage, { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 1, max: 4 }),
        fc.boolean(),
        fc.boolean(),
        async (hits, damages, limit, idsFirst, sliced) => {
          await inNewDir(async () => {
            const bulkId = await writeFile(hits);
            const change = (head: string, pieces: string[]) =>
              applied(bulkId, head, pieces, damages);
            const line = damageBulk(bulkId, change, sliced);
            // A line that reads whole keeps its hits under the ids they carry, found by id
            // only when each is its own: the load reads so a line that is not damaged.
            fc.pre(!(await readsWholeUnderOtherIds(bulkId, line)));
            const { during, loaded } = await compare(bulkId, hits, limit, idsFirst);
            expect(during).toEqual(loaded);
          });
        },
      ),
      { numRuns: 100 },
    );
  }, 120_000);
});
