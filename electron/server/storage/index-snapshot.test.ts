// The saved index snapshot is a cache: a restart uses it only while it still describes the
// data file, scans only what was written after it, and finds every hit either way. A kill
// between two snapshot writes loses nothing.
import { createHash } from 'node:crypto';
import { open as openFile } from 'node:fs/promises';
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bloomOf } from '../../../test-support/capture/names-bloom';
import { sampleRequest, SAMPLE_DEVICE } from '../../../test-support/capture/sample-dtos';
import type { HitDeriver } from './compact';
import {
  DATA_FILE_NAME,
  openHitStore,
  type LoadReport,
  type PersistentHitStore,
} from './hit-store';
import { readSnapshot, SNAPSHOT_FILE_NAME } from './index-snapshot';
import { MIXED_SITES, outcomeBitsOf, typeBitsOf } from './line-kinds';
import type { ParamsOf } from './stored-record';

const derive: HitDeriver = () => ({ occurrences: [], decoded: {}, device: SAMPLE_DEVICE });
const paramsOf: ParamsOf = (hit) => Object.fromEntries(new URLSearchParams(hit.rawQuery));

let dir: string;
const open: PersistentHitStore[] = [];
const snapshotFile = () => join(dir, SNAPSHOT_FILE_NAME);
const dataFile = () => join(dir, DATA_FILE_NAME);

async function openLoaded(): Promise<{ store: PersistentHitStore; report: LoadReport }> {
  const store = await openHitStore({ dataDir: dir, maxHits: 5, derive, paramsOf });
  open.push(store);
  return { store, report: await store.load() };
}

/** Stores `count` page views (one request each) and returns their hit ids. */
async function addHits(store: PersistentHitStore, count: number, tag: string): Promise<string[]> {
  const ids: string[] = [];
  for (let n = 0; n < count; n++) {
    const sent = sampleRequest({ params: { tag, n: String(n) } });
    await store.add(sent.request, sent.hits);
    ids.push(sent.hits[0]!.id);
  }
  return ids;
}

/**
 * A snapshot as an older format wrote it: its first `lineBytes` bytes of columns a line (the
 * line starts, lengths and id hashes: 16; with the kinds of hits: 24) and the orders, under
 * its own checksum.
 */
function asOlderFormat(saved: Buffer, version: number, lineBytes: number): Buffer {
  const lines = saved.readUInt32LE(16);
  const ordersBytes = saved.readUInt32LE(20);
  const header = Buffer.from(saved.subarray(0, 56));
  header.writeUInt32LE(version, 4);
  const columns = saved.subarray(56, 56 + lines * lineBytes);
  const orders = saved.subarray(56 + lines * 32, 56 + lines * 32 + ordersBytes);
  const body = Buffer.concat([header, columns, orders]);
  return Buffer.concat([body, createHash('sha256').update(body).digest()]);
}

/** The store reopened, its read-back held until `release` is called. */
async function openHeld() {
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  const again = await openHitStore({
    dataDir: dir,
    maxHits: 5,
    derive,
    paramsOf,
    fullReadAfter: held,
  });
  open.push(again);
  const loading = again.load();
  await again.loading();
  return { again, release, loading };
}

/** Every id is found after a restart, with its own parameters (not a neighbour's). */
function expectAllReachable(store: PersistentHitStore, ids: readonly string[]): void {
  for (const id of ids) expect(store.get(id)?.id).toBe(id);
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hitscope-snapshot-'));
});
afterEach(async () => {
  for (const store of open.splice(0)) await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('index snapshot', () => {
  it('is saved at close and used at the next start, scanning only the lines after it', async () => {
    const { store } = await openLoaded();
    const order = sampleRequest({ type: 'ecommerce_order', params: { ec_id: 'SNAP-1' } });
    await store.add(order.request, order.hits);
    const ids = await addHits(store, 20, 'a');
    await store.close();
    const size = readFileSync(dataFile()).length;

    const again = await openHitStore({ dataDir: dir, maxHits: 5, derive, paramsOf });
    open.push(again);
    let loaded = false;
    const loading = again.load().then((report) => ((loaded = true), report));
    // Tracking opens after the quick pass: the orders are known then, from the snapshot.
    await again.loading();
    expect(loaded).toBe(false);
    expect([...again.seenOrders()].some((key) => key.endsWith(':SNAP-1'))).toBe(true);
    const report = await loading;
    expect(report.fromSnapshot).toEqual({ lines: 21, bytes: size });
    expectAllReachable(again, ids);
    expect(again.summary().hits).toBe(21);
  });

  it('a kill between two snapshot writes loses nothing: the lines after it are scanned', async () => {
    const { store } = await openLoaded();
    const early = await addHits(store, 10, 'early');
    await store.saveSnapshot();
    const covered = readFileSync(dataFile()).length;
    const late = await addHits(store, 10, 'late');
    const order = sampleRequest({ type: 'ecommerce_order', params: { ec_id: 'AFTER-SNAP' } });
    await store.add(order.request, order.hits);
    // No close: the process is gone (kill -9), the appended lines are in the file only.

    const { store: again, report } = await openLoaded();
    expect(report.fromSnapshot).toEqual({ lines: 10, bytes: covered });
    expect([...again.seenOrders()].some((key) => key.endsWith(':AFTER-SNAP'))).toBe(true);
    expectAllReachable(again, [...early, ...late]);
    expect(again.summary().hits).toBe(21);
  });

  it('is extended by lines another writer appended', async () => {
    const { store } = await openLoaded();
    const ids = await addHits(store, 5, 'ours');
    await store.close();
    const foreign = sampleRequest({ params: { tag: 'theirs' } });
    const { store: writer } = await openLoaded();
    await writer.add(foreign.request, foreign.hits);
    // The second writer dies before saving: its line is newer than the snapshot.
    open.splice(open.indexOf(writer), 1);

    const { store: again, report } = await openLoaded();
    expect(report.fromSnapshot?.lines).toBe(5);
    expectAllReachable(again, [...ids, foreign.hits[0]!.id]);
  });

  it('is ignored when the data file is shorter than it says, and every hit is still read', async () => {
    const { store } = await openLoaded();
    const ids = await addHits(store, 10, 'a');
    await store.close();
    const lines = readFileSync(dataFile(), 'utf8').split('\n');
    truncateSync(dataFile(), Buffer.byteLength(lines.slice(0, 6).join('\n')) + 1);

    const { store: again, report } = await openLoaded();
    expect(report.fromSnapshot).toBeNull();
    expect(report.snapshotIgnored).toBe('the data file is shorter');
    expectAllReachable(again, ids.slice(0, 6));
    expect(again.summary().hits).toBe(6);
  });

  it('is ignored when the data file was rewritten to the same length', async () => {
    const { store } = await openLoaded();
    const ids = await addHits(store, 10, 'a');
    await store.close();
    const lines = readFileSync(dataFile(), 'utf8').trimEnd().split('\n');
    // Same bytes, other order: every line starts elsewhere.
    writeFileSync(dataFile(), `${[...lines].reverse().join('\n')}\n`);

    const { store: again, report } = await openLoaded();
    expect(report.fromSnapshot).toBeNull();
    expect(report.snapshotIgnored).toBe('the data file changed');
    expectAllReachable(again, ids);
  });

  it('is ignored when it is damaged or of another format version', async () => {
    const { store } = await openLoaded();
    const ids = await addHits(store, 10, 'a');
    await store.close();
    const saved = readFileSync(snapshotFile());

    const damaged = Buffer.from(saved);
    damaged.writeUInt8(damaged.readUInt8(damaged.length - 40) ^ 0xff, damaged.length - 40);
    writeFileSync(snapshotFile(), damaged);
    const first = await openLoaded();
    expect(first.report.snapshotIgnored).toBe('checksum mismatch');
    expectAllReachable(first.store, ids);
    await first.store.close();

    const older = Buffer.from(saved);
    older.writeUInt32LE(0, 4);
    writeFileSync(snapshotFile(), older);
    const second = await openLoaded();
    expect(second.report.snapshotIgnored).toBe('format version 0');
    expectAllReachable(second.store, ids);
    await second.store.close();

    writeFileSync(snapshotFile(), saved.subarray(0, 30));
    const third = await openLoaded();
    expect(third.report.snapshotIgnored).toBe('too short');
    expectAllReachable(third.store, ids);
  });

  it('keeps the kinds of hits of each line, from the index columns', async () => {
    const { store } = await openLoaded();
    const event = sampleRequest({ type: 'event', outcome: 'rejected', params: { idsite: '3' } });
    await store.add(event.request, event.hits);
    const bulk = sampleRequest({ hits: 2, params: { idsite: '2' } });
    bulk.hits[1]!.type = 'ping';
    bulk.hits[1]!.idsite = 5;
    await store.add(bulk.request, bulk.hits);
    const views = sampleRequest({ hits: 2, params: { idsite: '4' } });
    await store.add(views.request, views.hits);
    await store.close();

    const size = readFileSync(dataFile()).length;
    const reader = await openFile(dataFile(), 'r');
    const saved = await readSnapshot(snapshotFile(), reader, size).finally(() => reader.close());
    if (!('snapshot' in saved)) throw new Error(saved.ignored);
    const { kinds, sites } = saved.snapshot.kinds;
    const recorded = outcomeBitsOf(['recorded']) as number;
    expect([...kinds]).toEqual([
      (typeBitsOf(['event']) as number) | (outcomeBitsOf(['rejected']) as number),
      (typeBitsOf(['pageview', 'ping']) as number) | recorded | MIXED_SITES,
      (typeBitsOf(['pageview']) as number) | recorded,
    ]);
    expect(sites[0]).toBe(3);
    expect(sites[2]).toBe(4);
  });

  it('keeps the bloom of the parameter names of each line, from the search entries', async () => {
    const { store } = await openLoaded();
    const event = sampleRequest({ type: 'event', params: { e_c: 'Video', e_a: 'play' } });
    await store.add(event.request, event.hits);
    const bulk = sampleRequest({ hits: 2, params: { dimension3: 'x' } });
    bulk.hits[1]!.params = { idsite: '1', rec: '1', c_n: 'banner' };
    bulk.hits[1]!.rawQuery = 'idsite=1&rec=1&c_n=banner';
    await store.add(bulk.request, bulk.hits);
    await addHits(store, 1, 'a');
    await store.close();
    const savedNames = async () => {
      const size = readFileSync(dataFile()).length;
      const reader = await openFile(dataFile(), 'r');
      const saved = await readSnapshot(snapshotFile(), reader, size).finally(() => reader.close());
      if (!('snapshot' in saved)) throw new Error(saved.ignored);
      return [...(saved.snapshot.kinds.names ?? [])];
    };
    // idsite and rec, which every hit carries, set no bit.
    const expected = [
      ...bloomOf(['action_name', 'e_c', 'e_a']),
      ...bloomOf(['action_name', 'dimension3', 'c_n']),
      ...bloomOf(['action_name', 'tag', 'n']),
    ];
    expect(await savedNames()).toEqual(expected);
    expect(bloomOf(['e_c'])).not.toEqual(bloomOf([]));

    // Saved again from the hits read back at the next start (their raw queries alone).
    const { store: again } = await openLoaded();
    await addHits(again, 1, 'b');
    await again.close();
    expect(await savedNames()).toEqual([...expected, ...bloomOf(['action_name', 'tag', 'n'])]);
  });

  it('of the format before the names is used, and a parameter filter reads every line', async () => {
    const { store } = await openLoaded();
    const event = sampleRequest({ type: 'event', params: { e_c: 'Video' } });
    await store.add(event.request, event.hits);
    const ids = await addHits(store, 3, 'a');
    await store.close();
    const size = readFileSync(dataFile()).length;
    writeFileSync(snapshotFile(), asOlderFormat(readFileSync(snapshotFile()), 2, 24));

    const { again, release, loading } = await openHeld();
    for (const filter of [{ params: { e_c: 'Video' } }, { query: 'type:event' }]) {
      const page = await again.search(filter, { limit: 5, whileLoading: true });
      expect(page.hits.map((hit) => hit.id)).toEqual([event.hits[0]!.id]);
    }
    release();
    const report = await loading;
    expect(report.snapshotIgnored).toBeUndefined();
    expect(report.fromSnapshot).toEqual({ lines: 4, bytes: size });
    expectAllReachable(again, ids);
  });

  it('of the format before the kinds of hits is ignored, and a filtered page reads it all', async () => {
    const { store } = await openLoaded();
    const event = sampleRequest({ type: 'event' });
    await store.add(event.request, event.hits);
    await addHits(store, 3, 'a');
    await store.close();
    writeFileSync(snapshotFile(), asOlderFormat(readFileSync(snapshotFile()), 1, 16));

    const { again, release, loading } = await openHeld();
    const page = await again.search({ query: 'type:event' }, { limit: 5, whileLoading: true });
    expect(page.hits.map((hit) => hit.id)).toEqual([event.hits[0]!.id]);
    release();
    const report = await loading;
    expect(report.snapshotIgnored).toBe('format version 1');
    expect(report.fromSnapshot).toBeNull();
  });

  it('is removed by a reset, so a file refilled to the same length is scanned', async () => {
    const { store } = await openLoaded();
    await addHits(store, 3, 'a');
    await store.saveSnapshot();
    await store.reset();
    const ids = await addHits(store, 3, 'b');

    const { store: again, report } = await openLoaded();
    expect(report.snapshotIgnored).toBe('none saved');
    expectAllReachable(again, ids);
  });
});
