// Damaged data files: a bad line in the middle, a complete last record without its newline,
// a record cut by a kill, an over-long line. Every readable record comes back; what cannot
// be read is copied into a side file with its line number, and the summary says so.
import {
  appendFileSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleRequest, SAMPLE_DEVICE } from '../../../test-support/capture/sample-dtos';
import type { HitDeriver } from './compact';
import { readLines } from './data-file';
import { DATA_FILE_NAME, openHitStore, TORN_FILE_NAME, type PersistentHitStore } from './hit-store';
import type { ParamsOf } from './stored-record';
import { UNREADABLE_FILE_NAME } from './unreadable-records';

const derive: HitDeriver = () => ({ occurrences: [], decoded: {}, device: SAMPLE_DEVICE });
const paramsOf: ParamsOf = (hit) => Object.fromEntries(new URLSearchParams(hit.rawQuery));

let dir: string;
const open: PersistentHitStore[] = [];
const dataFile = () => join(dir, DATA_FILE_NAME);

async function openStore(): Promise<PersistentHitStore> {
  const store = await openHitStore({ dataDir: dir, maxHits: 100, derive, paramsOf });
  open.push(store);
  return store;
}

/** Writes `count` records through a store and returns their hit ids, oldest first. */
async function writeRecords(count: number): Promise<string[]> {
  const store = await openStore();
  await store.load();
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const { request, hits } = sampleRequest();
    await store.add(request, hits);
    ids.push(hits[0]!.id);
  }
  await store.close();
  return ids;
}

const lines = () => readFileSync(dataFile(), 'utf8').split('\n');

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hitscope-recovery-'));
});
afterEach(async () => {
  for (const store of open.splice(0)) await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('reading back a damaged data file', () => {
  it('loads every readable record after a bad line and sets the bad ones aside with their line numbers', async () => {
    const ids = await writeRecords(5);
    const all = lines();
    all.splice(1, 0, '{"v":1,"request":{"id":"broken", not json');
    all.splice(4, 0, 'garbage from another program');
    // Valid JSON and the right version, but not a whole record.
    all.splice(6, 0, '{"v":1,"request":{"id":"no-fields"},"hits":[]}');
    writeFileSync(dataFile(), all.join('\n'));

    const store = await openStore();
    const report = await store.load();
    expect(report).toMatchObject({ requests: 5, hits: 5, skippedLines: 3 });
    for (const id of ids) expect(store.get(id)).toBeDefined();

    const side = readFileSync(join(dir, UNREADABLE_FILE_NAME), 'utf8');
    expect(side).toMatch(/^# line 2 of .*hits\.ndjson: /m);
    expect(side).toContain('{"v":1,"request":{"id":"broken", not json\n');
    expect(side).toMatch(/^# line 5 of .*: /m);
    expect(side).toContain('garbage from another program\n');
    expect(side).toMatch(/^# line 7 of .*: /m);
    expect(store.summary().alerts).toEqual([
      {
        kind: 'unreadable-records',
        message: `3 records of the data file could not be read, kept in ${join(dir, UNREADABLE_FILE_NAME)}`,
        file: join(dir, UNREADABLE_FILE_NAME),
      },
    ]);
    // The bad lines stay in the data file; appends go on after them.
    const next = sampleRequest();
    await store.add(next.request, next.hits);
    expect(lines()).toContain('garbage from another program');
  });

  it('keeps the copies of unreadable lines when a reset empties the data file', async () => {
    await writeRecords(1);
    appendFileSync(dataFile(), 'not a record\n');
    const store = await openStore();
    await store.load();
    await store.reset();
    expect(store.summary().alerts).toEqual([]);
    const kept = readdirSync(dir).filter((name) => name.startsWith('hits.unreadable-'));
    expect(kept).toHaveLength(1);
    expect(readFileSync(join(dir, kept[0]!), 'utf8')).toContain('not a record\n');
  });

  it('keeps a complete last record that lacks its final newline', async () => {
    const ids = await writeRecords(3);
    writeFileSync(dataFile(), readFileSync(dataFile(), 'utf8').trimEnd());

    const store = await openStore();
    const report = await store.load();
    expect(report).toMatchObject({ requests: 3, tornBytes: 0 });
    for (const id of ids) expect(store.get(id)).toBeDefined();
    const next = sampleRequest();
    await store.add(next.request, next.hits);
    await store.close();
    const again = await openStore();
    expect((await again.load()).requests).toBe(4);
  });

  it('moves a record cut by a kill into the torn file instead of deleting it', async () => {
    await writeRecords(2);
    const cut = '{"v":1,"request":{"id":"half-written","recei';
    appendFileSync(dataFile(), cut);

    const store = await openStore();
    const report = await store.load();
    expect(report).toMatchObject({ requests: 2, tornBytes: Buffer.byteLength(cut) });
    expect(readFileSync(dataFile(), 'utf8')).not.toContain('half-written');
    const torn = readFileSync(join(dir, TORN_FILE_NAME), 'utf8');
    expect(torn).toMatch(/^# .*: 44 bytes cut from the end of .*hits\.ndjson/);
    expect(torn).toContain(`\n${cut}\n`);
    expect(store.summary().alerts?.map((alert) => alert.kind)).toEqual(['torn-tail']);
  });

  it('caps the length of a line while reading: a longer one is reported, the next ones read', async () => {
    const path = join(dir, 'lines.txt');
    writeFileSync(path, `short\n${'x'.repeat(5000)}\nafter\n`);
    const read: string[] = [];
    const overlong: [number, number, number, number][] = [];
    await readLines(
      path,
      10_000,
      {
        line: (bytes, number) => read.push(`${number}:${bytes.toString('utf8')}`),
        overlong: (number, head, bytes, offset) =>
          overlong.push([number, head.length, bytes, offset]),
      },
      1000,
    );
    expect(read).toEqual(['1:short', '3:after']);
    expect(overlong).toEqual([[2, 5000, 5000, 6]]);
  });
});
