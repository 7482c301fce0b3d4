// `node scripts/bench/snapshot-save.mjs [other-checkout]`: what saving the index snapshot
// costs a hit store of BENCH_SNAPSHOT_HITS hits (default 1,000,000, in bulks of 10,000), in
// this process: a save once the search entries are all built (after one more page view: the
// periodic save of a server), in BENCH_SNAPSHOT_ROUNDS rounds (default 7), as the process's
// CPU time and the save's wall-clock time (medians; every store idle before each); then the
// close right after one more bulk of 10,000 (a clean shutdown after an ingest), once. Given
// another checkout of the project, its store is filled and measured too, in alternating
// rounds.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { median } from './baseline.mjs';
import { bundleForNode } from './source-bundle.mjs';

const HITS = Number(process.env.BENCH_SNAPSHOT_HITS ?? 1_000_000);
const ROUNDS = Number(process.env.BENCH_SNAPSHOT_ROUNDS ?? 7);
const BULK = 10_000;
const here = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'hitscope-snapshot-bench-'));

/** A store of the checkout at `root`, loaded, in a data dir of its own. */
async function storeOf(root, name) {
  const bundle = await bundleForNode(
    dir,
    name,
    [
      `export { openHitStore } from '${root}/electron/server/storage/hit-store';`,
      `export { sampleRequest, SAMPLE_DEVICE } from '${here}/test-support/capture/sample-dtos';`,
    ],
    [join(root, 'node_modules')],
  );
  const { openHitStore, sampleRequest, SAMPLE_DEVICE } = await import(bundle);
  const store = await openHitStore({
    dataDir: mkdtempSync(join(dir, `${name}-`)),
    maxHits: BULK,
    derive: () => ({ occurrences: [], decoded: {}, device: SAMPLE_DEVICE }),
    paramsOf: (hit) => Object.fromEntries(new URLSearchParams(hit.rawQuery)),
  });
  await store.load();
  // Events in one bulk of three, page views with a dimension in the others.
  const bulk = (n) =>
    sampleRequest({
      hits: BULK,
      params: n % 3 === 0 ? { e_c: 'Video', e_a: 'play' } : { dimension1: 'x' },
    });
  return { name: root, store, sampleRequest, bulk, idle: [], closed: null };
}

const cpuMs = () => {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1000;
};

async function timedSave(store) {
  const cpu = cpuMs();
  const started = performance.now();
  await store.saveSnapshot();
  return { cpuMs: cpuMs() - cpu, ms: performance.now() - started };
}

const stores = [await storeOf(here, 'current')];
for (const [n, other] of process.argv.slice(2).entries()) {
  stores.push(await storeOf(resolve(other), `other${n}`));
}
for (let b = 0; b < HITS / BULK; b++) {
  for (const one of stores) {
    const sent = one.bulk(b);
    await one.store.add(sent.request, sent.hits);
  }
}
const allIdle = async () => {
  for (const one of stores) await one.store.searchEntriesBuilt();
};
for (let round = 0; round < ROUNDS; round++) {
  const first = round % stores.length;
  for (const one of [...stores.slice(first), ...stores.slice(0, first)]) {
    const view = one.sampleRequest({ params: { c_n: 'banner' } });
    await one.store.add(view.request, view.hits);
    await allIdle();
    one.idle.push(await timedSave(one.store));
  }
}
// A closed store builds no more entries: the others are idle before each close all the same.
await allIdle();
for (const one of stores) {
  const sent = one.bulk(ROUNDS);
  await one.store.add(sent.request, sent.hits);
  const cpu = cpuMs();
  const started = performance.now();
  await one.store.close();
  one.closed = { cpuMs: cpuMs() - cpu, ms: performance.now() - started };
}
rmSync(dir, { recursive: true, force: true });

const figure = (runs) =>
  `${median(runs.map((run) => run.cpuMs)).toFixed(1)} ms CPU, ` +
  `${median(runs.map((run) => run.ms)).toFixed(1)} ms`;
console.log(`Saving the index snapshot of ${HITS} hits (medians of ${ROUNDS} rounds):`);
for (const one of stores) {
  const closed = `${one.closed.cpuMs.toFixed(1)} ms CPU, ${one.closed.ms.toFixed(1)} ms`;
  console.log(`  ${one.name}\n    save: ${figure(one.idle)}; close right after a bulk: ${closed}`);
}
