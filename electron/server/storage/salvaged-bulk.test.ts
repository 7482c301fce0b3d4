// A bulk's line written in slices that lost part of its hits (pieces missing at its end, one
// broken piece, a piece cut short, a head stating another count) costs only those hits: after
// a restart every other hit of it is read by id, by page, by search and in exports with the
// id it had, the side file names the lost ones and the summary counts them.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HitDto, RequestRecordDto } from '../../../shared/api/types';
import { sampleRequest, SAMPLE_DEVICE } from '../../../test-support/capture/sample-dtos';
import type { HitDeriver } from './compact';
import { DATA_FILE_NAME, openHitStore, SLICED_LINE_HITS, type OpenedHitStore } from './hit-store';
import type { ParamsOf } from './stored-record';
import { UNREADABLE_FILE_NAME } from './unreadable-records';

const derive: HitDeriver = () => ({ occurrences: [], decoded: {}, device: SAMPLE_DEVICE });
const paramsOf: ParamsOf = (hit) => Object.fromEntries(new URLSearchParams(hit.rawQuery));
const BULK = SLICED_LINE_HITS;

let dir: string;
const stores: OpenedHitStore[] = [];
const dataFile = () => join(dir, DATA_FILE_NAME);
const sideFile = () => join(dir, UNREADABLE_FILE_NAME);

async function openStore(): Promise<OpenedHitStore> {
  // A window of 10: the bulk's hits are read from its line on disk.
  const store = await openHitStore({ dataDir: dir, maxHits: 10, derive, paramsOf });
  stores.push(store);
  return store;
}

/** A bulk whose hit `i` names `item-<i>-end`, so a search finds it alone. */
function bulkRequest() {
  const sent = sampleRequest({ hits: BULK });
  sent.hits.forEach((hit, i) => {
    const params = { idsite: '1', rec: '1', action_name: `item-${i}-end` };
    hit.params = params;
    hit.rawQuery = new URLSearchParams(params).toString();
    hit.summary = params.action_name;
  });
  return sent;
}

/** Stores a bulk then a single request; returns the bulk's request id and the single hit's id. */
async function writeFile(): Promise<{ bulkId: string; singleId: string }> {
  const store = await openStore();
  await store.load();
  const bulk = bulkRequest();
  await store.add(bulk.request, bulk.hits);
  const single = sampleRequest();
  await store.add(single.request, single.hits);
  await store.close();
  return { bulkId: bulk.request.id, singleId: single.hits[0]!.id };
}

/** Stores one request of `hits` hits, written as one whole line; returns its id. */
async function writeWholeLine(hits: number): Promise<string> {
  const store = await openStore();
  await store.load();
  const sent = sampleRequest({ hits });
  await store.add(sent.request, sent.hits);
  await store.close();
  return sent.request.id;
}

/** Rewrites the bulk's line (the first) from its pieces: the head, then one hit each. */
function damageBulk(change: (pieces: string[]) => string[]): void {
  const lines = readFileSync(dataFile(), 'utf8').split('\n');
  lines[0] = change(lines[0]!.split('\t')).join('\t');
  writeFileSync(dataFile(), lines.join('\n'));
}

/** Ends the hit pieces after `count` hits: the last kept piece closes the line. */
const keepFirst = (pieces: string[], count: number) => [
  ...pieces.slice(0, count),
  `${pieces[count]!.slice(0, -1)}]}`,
];

/** Every hit of a store through a paged walk, newest first. */
async function pagedIds(store: OpenedHitStore): Promise<string[]> {
  const ids: string[] = [];
  let before: string | null = null;
  do {
    const page = await store.search({}, { limit: 97, before });
    ids.push(...page.hits.map((hit) => hit.id));
    before = page.next;
  } while (before);
  return ids;
}

/** Every hit of a store through an export, and the requests the export gives. */
async function exported(
  store: OpenedHitStore,
): Promise<{ ids: string[]; requests: RequestRecordDto[] }> {
  const ids: string[] = [];
  const requests: RequestRecordDto[] = [];
  for await (const { request, hits } of store.storedOldestFirst({})) {
    requests.push(request);
    for await (const hit of hits) ids.push(hit.id);
  }
  return { ids, requests };
}

/**
 * Restarts on the damaged file and checks every kept hit, that the hits lost or left out
 * are nowhere, and what the request, the side file and the summary say of them.
 */
async function expectSalvaged(
  { bulkId, singleId }: { bulkId: string; singleId: string },
  kept: number[],
  lost: number[],
  seen: { stated?: number; leftOut?: number[]; extra?: number } = {},
): Promise<OpenedHitStore> {
  const { stated = BULK, leftOut = [], extra = leftOut.length } = seen;
  const store = await openStore();
  const report = await store.load();
  expect(report).toMatchObject({
    requests: 2,
    hits: kept.length + 1,
    skippedLines: 0,
    lostHits: lost.length,
    extraPieces: extra,
  });
  const keptIds = kept.map((i) => `${bulkId}.${i}`);
  for (const [n, id] of keptIds.entries()) {
    const hit = store.get(id);
    expect(hit?.id).toBe(id);
    expect(hit?.index).toBe(kept[n]);
    expect(hit?.params['action_name']).toBe(`item-${kept[n]}-end`);
  }
  const lostIds = lost.map((i) => `${bulkId}.${i}`);
  for (const id of lostIds) {
    expect(store.get(id)).toBeUndefined();
    expect(store.lostHit!(id)).toEqual({ requestId: bulkId, line: 1, file: sideFile() });
  }
  for (const i of leftOut) {
    expect(store.get(`${bulkId}.${i}`)).toBeUndefined();
    expect(await store.search({ q: `item-${i}-end` }, { limit: 10 })).toMatchObject({ total: 0 });
  }
  expect(store.lostHit!(keptIds[0]!)).toBeUndefined();
  // The request names the hits it still has apart from those it lost.
  const request = store.getRequest(bulkId);
  expect(request?.hitIds).toEqual(keptIds);
  expect(request?.lostHitIds).toEqual(lost.length > 0 ? lostIds : undefined);
  const far = kept[kept.length - 1]!;
  const detail = await store.detail(`${bulkId}.${far}`);
  expect(detail?.hit.summary).toBe(`item-${far}-end`);
  expect(detail?.request?.lostHitIds).toEqual(request?.lostHitIds);
  expect(store.get(singleId)).toBeDefined();

  expect(await pagedIds(store)).toEqual([singleId, ...[...keptIds].reverse()]);
  const exports = await exported(store);
  expect(exports.ids).toEqual([...keptIds, singleId]);
  expect(exports.requests[0]?.hitIds).toEqual(keptIds);
  const found = await store.search({ q: `item-${far}-end` }, { limit: 10 });
  expect(found.hits.map((hit: HitDto) => hit.id)).toEqual([`${bulkId}.${far}`]);
  const ofBulk = await store.search({ requestId: bulkId }, { limit: 10 });
  expect(ofBulk.total).toBe(kept.length);

  const side = readFileSync(sideFile(), 'utf8');
  expect(side).toMatch(
    new RegExp(
      `^# line 1 of .*hits\\.ndjson: request ${bulkId} states ${stated} hits, ` +
        `${kept.length} read back; lost: ${lost.length > 0 ? 'hits ' : 'none'}`,
      'm',
    ),
  );
  const notes: string[] = [];
  if (lost.length > 0) {
    const lostNote = lost.length === 1 ? '1 hit' : `${lost.length} hits`;
    notes.push(`${lostNote} in 1 bulk of the data file could not be read (its other hits were)`);
  }
  if (extra > 0) {
    const pieces = extra === 1 ? '1 hit piece in 1 bulk' : `${extra} hit pieces in 1 bulk`;
    notes.push(
      `${pieces}${lost.length > 0 ? '' : ' of the data file'} ` +
        `${extra === 1 ? 'is' : 'are'} not among the hits its request states (left out)`,
    );
  }
  expect(store.summary().alerts).toEqual([
    {
      kind: 'unreadable-records',
      message: `${notes.join('; ')}, kept in ${sideFile()}`,
      file: sideFile(),
    },
  ]);
  return store;
}

/**
 * Hit `from`'s piece made into one of hit `to` of request `requestId` (its id, index and
 * action name), ending with a comma: a piece the request's count does not state.
 */
function copiedPiece(pieces: string[], from: number, to: number, requestId: string): string {
  const piece = pieces[from + 1]!.replace(/\]\}$/, ',');
  return piece
    .replace(/"id":"[^"]*"/, `"id":"${requestId}.${to}"`)
    .replace(`"index":${from},`, `"index":${to},`)
    .replaceAll(`item-${from}-end`, `item-${to}-end`);
}

/** Pieces with `more` put after hit `after`'s piece; the line's last piece closes it. */
function withPieces(pieces: string[], after: number, more: string[]): string[] {
  const all = [...pieces.slice(0, after + 2), ...more, ...pieces.slice(after + 2)];
  return all.map((piece, i) =>
    i === 0
      ? piece
      : i === all.length - 1
        ? piece.replace(/,$/, ']}')
        : piece.replace(/\]\}$/, ','),
  );
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hitscope-salvage-'));
});
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("a bulk's line that lost some of its hits", () => {
  it('keeps the hits before pieces missing at its end', async () => {
    const written = await writeFile();
    damageBulk((pieces) => keepFirst(pieces, 600));
    await expectSalvaged(written, range(0, 600), range(600, BULK));
    expect(readFileSync(sideFile(), 'utf8')).toContain(
      `lost: hits 600-${BULK - 1} of it (ids ${written.bulkId}.<hit>)`,
    );
  });

  it('keeps every hit around one broken piece in the middle, with the ids they had', async () => {
    const written = await writeFile();
    damageBulk((pieces) => {
      pieces[501] = '{"userAgent":"Mozilla/5.0","issues":[,"id":"broken"},';
      return pieces;
    });
    const store = await expectSalvaged(written, [...range(0, 500), ...range(501, BULK)], [500]);
    const side = readFileSync(sideFile(), 'utf8');
    expect(side).toMatch(/^# hit piece 500 \(from 0\) does not parse: .*; its 53 bytes follow$/m);
    expect(side).toContain('\n{"userAgent":"Mozilla/5.0","issues":[,"id":"broken"},\n');
    // Hits after the gap keep their ids and places.
    expect(store.get(`${written.bulkId}.501`)?.params['action_name']).toBe('item-501-end');
  });

  it('keeps the hits before a piece cut short in a line that still ends with "]}"', async () => {
    const written = await writeFile();
    damageBulk((pieces) => [...pieces.slice(0, 701), `${pieces[701]!.slice(0, 40)}]}`]);
    await expectSalvaged(written, range(0, 700), range(700, BULK));
    expect(readFileSync(sideFile(), 'utf8')).toMatch(
      /^# hit piece 700 \(from 0\) does not parse: .*; its 42 bytes follow$/m,
    );
  });

  it('keeps every hit of a line whose request states more hits than it holds', async () => {
    const written = await writeFile();
    damageBulk((pieces) => [
      pieces[0]!.replace(`"hitCount":${BULK}`, `"hitCount":${BULK + 5}`),
      ...pieces.slice(1),
    ]);
    await expectSalvaged(written, range(0, BULK), range(BULK, BULK + 5), { stated: BULK + 5 });
    expect(readFileSync(sideFile(), 'utf8')).toContain(
      `lost: hits ${BULK}-${BULK + 4} of it (ids ${written.bulkId}.<hit>)`,
    );
  });

  it('keeps the hits on both sides of a run of pieces missing in the middle, by their ids', async () => {
    const written = await writeFile();
    damageBulk((pieces) => [...pieces.slice(0, 101), ...pieces.slice(251)]);
    await expectSalvaged(written, [...range(0, 100), ...range(250, BULK)], range(100, 250));
    expect(readFileSync(sideFile(), 'utf8')).toContain(
      `lost: hits 100-249 of it (ids ${written.bulkId}.<hit>)`,
    );
  });

  it('keeps the other hits of a bulk written as one whole line around a broken one', async () => {
    const id = await writeWholeLine(5);
    const text = readFileSync(dataFile(), 'utf8');
    expect(text).not.toContain('\t');
    writeFileSync(dataFile(), text.replace(`"id":"${id}.2"`, `"id":${id}.2"`));
    const again = await openStore();
    expect(await again.load()).toMatchObject({ requests: 1, hits: 4, lostHits: 1 });
    for (const i of [0, 1, 3, 4]) expect(again.get(`${id}.${i}`)?.index).toBe(i);
    expect(again.get(`${id}.2`)).toBeUndefined();
    expect(readFileSync(sideFile(), 'utf8')).toContain(`lost: hits 2 of it (ids ${id}.<hit>)`);
  });

  it('sets a single request whose hit is broken aside whole, as a record', async () => {
    const id = await writeWholeLine(1);
    writeFileSync(
      dataFile(),
      readFileSync(dataFile(), 'utf8').replace(`"id":"${id}.0"`, `"id":${id}.0"`),
    );
    const again = await openStore();
    expect(await again.load()).toMatchObject({ requests: 0, skippedLines: 1, lostHits: 0 });
  });

  it('names a hit lost from a whole line, whose request states more than it holds', async () => {
    const id = await writeWholeLine(5);
    const line = JSON.parse(readFileSync(dataFile(), 'utf8')) as { hits: unknown[] };
    line.hits.splice(2, 1);
    writeFileSync(dataFile(), `${JSON.stringify(line)}\n`);
    const again = await openStore();
    expect(await again.load()).toMatchObject({ requests: 1, hits: 4, lostHits: 1 });
    expect(again.getRequest(id)).toMatchObject({
      hitIds: [0, 1, 3, 4].map((i) => `${id}.${i}`),
      lostHitIds: [`${id}.2`],
    });
    expect(again.lostHit!(`${id}.2`)).toEqual({ requestId: id, line: 1, file: sideFile() });
    expect(readFileSync(sideFile(), 'utf8')).toContain(`lost: hits 2 of it (ids ${id}.<hit>)`);
  });

  it('keeps the damaged line as it is, and its hits reachable, when a run is deleted', async () => {
    const written = await writeFile();
    damageBulk((pieces) => {
      pieces[101] = '{"broken":,';
      return keepFirst(pieces, 300);
    });
    const damaged = readFileSync(dataFile(), 'utf8').split('\n')[0];
    const store = await openStore();
    await store.load();
    const other = sampleRequest();
    other.request.run = 'gone';
    for (const hit of other.hits) hit.run = 'gone';
    await store.add(other.request, other.hits);
    expect(await store.dropRun!('gone')).toBe(1);
    expect(readFileSync(dataFile(), 'utf8').split('\n')[0]).toBe(damaged);
    // Read from the line again: the places of its hits after the broken one hold.
    expect(store.get(`${written.bulkId}.250`)?.params['action_name']).toBe('item-250-end');
    expect(store.summary()).toMatchObject({ hits: 300 });
    const kept = [...range(0, 100), ...range(101, 300)].map((i) => `${written.bulkId}.${i}`);
    expect(await pagedIds(store)).toEqual([written.singleId, ...kept.reverse()]);
  });
});

describe("a bulk's line holding hit pieces its request does not state", () => {
  it('leaves out the pieces past its count, keeping every stated hit', async () => {
    const written = await writeFile();
    const extra = range(BULK, BULK + 5);
    damageBulk((pieces) =>
      withPieces(
        pieces,
        BULK - 1,
        extra.map((to, n) => copiedPiece(pieces, n, to, written.bulkId)),
      ),
    );
    await expectSalvaged(written, range(0, BULK), [], { leftOut: extra });
    const side = readFileSync(sideFile(), 'utf8');
    expect(side).toContain(`${BULK} read back; lost: none; left out: 5 pieces;`);
    expect(side).toMatch(
      new RegExp(
        `^# hit piece ${BULK} \\(from 0\\) is left out: hit ${BULK} is past the ${BULK} hits ` +
          `its request states; its \\d+ bytes follow\n.*item-${BULK}-end`,
        'm',
      ),
    );
  });

  it('leaves out a piece that repeats a hit, or names another request', async () => {
    const written = await writeFile();
    damageBulk((pieces) =>
      withPieces(pieces, 10, [
        copiedPiece(pieces, 10, 10, written.bulkId),
        copiedPiece(pieces, 11, 11, 'another'),
      ]),
    );
    // Both pieces stand between hit 10 and hit 11: the places of the hits after them hold.
    const store = await expectSalvaged(written, range(0, BULK), [], { extra: 2 });
    const side = readFileSync(sideFile(), 'utf8');
    expect(side).toContain('# hit piece 11 (from 0) is left out: hit 10 comes again');
    expect(side).toContain(
      '# hit piece 12 (from 0) is left out: its id "another.11" names another request',
    );
    expect(store.get(`${written.bulkId}.11`)?.params['action_name']).toBe('item-11-end');
  });

  it('leaves out a hit past the count of a whole line, by id, page, export and search', async () => {
    const id = await writeWholeLine(3);
    const line = JSON.parse(readFileSync(dataFile(), 'utf8')) as {
      hits: { id: string; index: number; summary: string }[];
    };
    line.hits.push({ ...line.hits[2]!, id: `${id}.3`, index: 3, summary: 'one-too-many' });
    writeFileSync(dataFile(), `${JSON.stringify(line)}\n`);
    const again = await openStore();
    expect(await again.load()).toMatchObject({ hits: 3, lostHits: 0, extraPieces: 1 });
    expect(again.get(`${id}.3`)).toBeUndefined();
    expect(again.lostHit!(`${id}.3`)).toBeUndefined();
    expect(await pagedIds(again)).toEqual([2, 1, 0].map((i) => `${id}.${i}`));
    expect((await exported(again)).ids).toEqual([0, 1, 2].map((i) => `${id}.${i}`));
    expect((await again.search({ q: 'one-too-many' }, { limit: 10 })).total).toBe(0);
    expect(again.getRequest(id)?.hitIds).toHaveLength(3);
    expect(again.summary().alerts?.[0]?.message).toBe(
      `1 hit piece in 1 bulk of the data file is not among the hits its request states ` +
        `(left out), kept in ${sideFile()}`,
    );
    expect(readFileSync(sideFile(), 'utf8')).toMatch(
      /^# hit piece 3 \(from 0\) is left out: hit 3 is past the 3 hits its request states;.*\n.*one-too-many/m,
    );
  });
});
