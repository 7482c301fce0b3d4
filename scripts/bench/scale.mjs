// The `scale` part of `npm run bench` (alone: `BENCH_PARTS=scale npm run bench`): a capture of
// 1,000,000 hits (BENCH_SCALE_HITS), sent as bulks of 10,000. Measures, against fixed targets:
// the first page of a search in the query language (`type:event e_c:Video`), by a parameter
// filter (`param.e_c=Video`) and by free text, when the matching hits are among the oldest
// (on disk only) and when they are among the newest; resident memory; disk per hit; the time
// from a restart to the first tracking request answered; an export of every hit with a
// tracking probe sent meanwhile (its slowest answer). Baseline in the same run: reading the
// whole data file and finding the text in it, the least any scan of it can cost.
import { openSync, readSync, closeSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'node:http';
import { send } from './http.mjs';
import { BROWSER_HEADERS, pageviewQuery } from './hits.mjs';
import { rssOf, startHitscope, stop } from './processes.mjs';
import { probeWhile } from './tracking-probe.mjs';

const TOKEN = 'bench-token';
const MB = 1024 * 1024;
const BULK = 10_000;

const admin = (url, path) =>
  send(`${url}${path}`, { headers: { authorization: `Bearer ${TOKEN}` } });

/** A video event (the needle of the searches), as a bulk entry. */
function videoQuery(n) {
  return `idsite=1&rec=1&e_c=Video&e_a=play&e_n=clip-${n}&url=${encodeURIComponent(`https://shop.example/media/${n}`)}`;
}

export function bulkOf(count, first, needles) {
  const requests = Array.from({ length: count }, (_, i) =>
    needles && i % 1_000 === 0 ? `?${videoQuery(first + i)}` : `?${pageviewQuery(first + i, 0)}`,
  );
  return JSON.stringify({ requests, send_image: 0 });
}

export async function postBulk(url, body) {
  const answer = await send(`${url}/matomo.php`, {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/x-www-form-urlencoded; charset=UTF-8',
      'user-agent': BROWSER_HEADERS['user-agent'],
    },
  });
  if (answer.status !== 204)
    throw new Error(`bulk answered ${answer.status}: ${answer.text.slice(0, 300)}`);
}

const SEARCHES = {
  typedQuery: `query=${encodeURIComponent('type:event e_c:Video')}`,
  paramFilter: 'param.e_c=Video',
  freeText: 'q=clip-',
};

async function searches(url) {
  const figures = {};
  for (const [name, filter] of Object.entries(SEARCHES)) {
    const answer = await admin(url, `/api/hits?limit=100&fields=compact&${filter}`);
    const page = JSON.parse(answer.text);
    figures[name] = { ms: answer.ms, total: page.total, page: page.hits.length };
  }
  return figures;
}

/** Reads the whole file and counts `needle` in it: the floor of any scan of the data. */
function rawScan(file, needle) {
  const started = performance.now();
  const fd = openSync(file, 'r');
  const chunk = Buffer.allocUnsafe(8 * MB);
  const pattern = Buffer.from(needle);
  let found = 0;
  for (let at = 0; ;) {
    const n = readSync(fd, chunk, 0, chunk.length, at);
    if (n === 0) break;
    for (let i = chunk.subarray(0, n).indexOf(pattern); i >= 0 && i < n;) {
      found++;
      i = chunk.indexOf(pattern, i + 1);
      if (i >= n) break;
    }
    at += n;
  }
  closeSync(fd);
  return { ms: performance.now() - started, found };
}

export async function firstTracked(url, started) {
  for (;;) {
    try {
      const answer = await send(`${url}/matomo.php?${pageviewQuery(1)}`, {
        headers: BROWSER_HEADERS,
      });
      if (answer.status === 200 || answer.status === 204) return performance.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * Streams a full export while a tracking probe is sent every 50 ms, from a worker
 * (tracking-probe.mjs): timed on this thread, a probe's answer waited for the export's
 * chunks read meanwhile.
 */
export async function exportWithProbe(url, limitMs, format = 'ndjson') {
  const started = performance.now();
  let bytes = 0;
  let lines = 0;
  let finished = false;
  const exporting = new Promise((resolve, reject) => {
    const req = request(`${url}/api/export?format=${format}`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    const timer = setTimeout(() => {
      req.destroy();
      resolve();
    }, limitMs);
    req.on('response', (res) => {
      res.on('data', (c) => {
        bytes += c.length;
        for (let i = c.indexOf(10); i >= 0; i = c.indexOf(10, i + 1)) lines++;
      });
      res.on('end', () => {
        finished = true;
        clearTimeout(timer);
        resolve();
      });
      res.on('error', () => resolve());
    });
    req.on('error', (error) => (finished ? resolve() : reject(error)));
    req.end();
  }).catch(() => undefined);
  const { times } = await probeWhile(url, exporting);
  const ms = performance.now() - started;
  const sorted = [...times].sort((a, b) => a - b);
  return {
    finished,
    ms,
    hitsExported: lines,
    hitsPerSec: (lines / ms) * 1000,
    mb: bytes / MB,
    probes: sorted.length,
    probeMaxMs: Math.max(...sorted),
    probeMedianMs: sorted[Math.floor(sorted.length / 2)],
    probeP99Ms: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))],
  };
}

/**
 * From a restart (`started`), asked together as soon as tracking is answered: the table's
 * first page (no filter), a filtered search most of the newest hits match (both answered
 * from the newest lines while the data file is still read back) and the ones only the oldest
 * needles match: typed (the walk passes over the lines holding no event), and by a parameter
 * alone, as the API's filter and as a query term (it passes over the lines whose hits carry
 * no `e_c`).
 */
export async function afterRestart(url, started) {
  const timed = async (path) => {
    const answer = await admin(url, path);
    const page = JSON.parse(answer.text);
    return { ms: performance.now() - started, status: answer.status, found: page.hits?.length };
  };
  const [firstPage, filtered, rare, rareParam, rareParamTerm] = await Promise.all([
    timed('/api/hits?limit=1000&fields=compact'),
    timed('/api/hits?limit=100&fields=compact&type=pageview'),
    timed(`/api/hits?limit=100&fields=compact&${SEARCHES.typedQuery}`),
    timed(`/api/hits?limit=100&fields=compact&${SEARCHES.paramFilter}`),
    timed(`/api/hits?limit=100&fields=compact&query=${encodeURIComponent('e_c:Video')}`),
  ]);
  return { firstPage, filtered, rare, rareParam, rareParamTerm };
}

/** Resolves once the summary no longer reports a read-back of the data file under way. */
export async function readBackOver(url) {
  while (JSON.parse((await admin(url, '/api/summary')).text).readBack) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * `BENCH_SCALE_DIR` reuses a data dir a previous run filled (the ingest is left out): its
 * first start is then timed as a restart too.
 */
export async function scale(dir, total = Number(process.env.BENCH_SCALE_HITS ?? 1_000_000)) {
  const reuse = process.env.BENCH_SCALE_DIR;
  const ingestStarted = performance.now();
  const server = await startHitscope(reuse ?? dir);
  if (reuse) {
    console.log(
      'first start on the filled data dir, to the first tracked hit:',
      Math.round(await firstTracked(server.url, ingestStarted)),
      'ms',
    );
    const { firstPage, filtered } = await afterRestart(server.url, ingestStarted);
    console.log(
      '…to the first page:',
      Math.round(firstPage.ms),
      'ms; to the first filtered search answer:',
      Math.round(filtered.ms),
      'ms',
    );
    // A rare filter is answered before the read-back is over: the searches below are timed
    // on the loaded store.
    await readBackOver(server.url);
    dir = reuse;
  } else {
    const bulks = Math.ceil(total / BULK);
    for (let b = 0; b < bulks; b++) {
      await postBulk(server.url, bulkOf(Math.min(BULK, total - b * BULK), b * BULK, b === 0));
    }
  }
  const ingestMs = reuse ? Number.NaN : performance.now() - ingestStarted;
  const summary = JSON.parse((await admin(server.url, '/api/summary')).text);
  await new Promise((r) => setTimeout(r, 2_000));
  const rssMB = rssOf(server.child.pid) / MB;
  const file = join(dir, 'hits.ndjson');
  const oldest = await searches(server.url);
  // Needles among the newest too: the first page is found at once, the total still counts all.
  await postBulk(server.url, bulkOf(1_000, total, true));
  const newest = await searches(server.url);
  const rssAfterSearchMB = rssOf(server.child.pid) / MB;
  const baseline = rawScan(file, 'clip-');
  const diskBytesPerHit = statSync(file).size / summary.hits;
  await stop(server.child);

  const restartStarted = performance.now();
  const again = await startHitscope(dir);
  const restartToTrackedMs = await firstTracked(again.url, restartStarted);
  const { firstPage, filtered, rare, rareParam, rareParamTerm } = await afterRestart(
    again.url,
    restartStarted,
  );
  // The export is measured on its own, once the read-back is over.
  await readBackOver(again.url);
  const restartToLoadedMs = performance.now() - restartStarted;
  const rssReloadedMB = rssOf(again.child.pid) / MB;
  const exported = await exportWithProbe(again.url, Number(process.env.BENCH_EXPORT_MS ?? 120_000));
  await stop(again.child);
  return {
    hits: summary.hits,
    inMemory: summary.inMemory,
    ingestMs,
    rssMB,
    rssAfterSearchMB,
    rssReloadedMB,
    diskBytesPerHit,
    oldest,
    newest,
    rawScanBaseline: baseline,
    restartToTrackedMs,
    restartToFirstPageMs: firstPage.ms,
    restartFirstPageStatus: firstPage.status,
    restartToFilteredMs: filtered.ms,
    restartFilteredStatus: filtered.status,
    restartToRareFilteredMs: rare.ms,
    restartToRareParamMs: rareParam.ms,
    restartToRareParamTermMs: rareParamTerm.ms,
    restartToLoadedMs,
    exported,
    targets: { firstPageMs: '< 300', rssMB: '< 1024', restartMs: '< 2000', probeMs: '< 50' },
  };
}

export function printScale(r) {
  const f = (n, d = 0) => Number(n).toFixed(d);
  const ok = (pass) => (pass ? 'ok' : 'MISSED');
  const line = (label, s) =>
    `${label}: ${Object.entries(s)
      .map(([k, v]) => `${k} ${f(v.ms)} ms (${v.total} match, ${ok(v.ms < 300)})`)
      .join('; ')}`;
  console.log(`
Scale: ${r.hits} hits (${r.inMemory} in memory), ingested by bulk in ${f(r.ingestMs / 1000, 1)} s, ${f(r.diskBytesPerHit)} bytes/hit on disk
  RSS ${f(r.rssMB)} MB, ${f(r.rssAfterSearchMB)} MB after searches, ${f(r.rssReloadedMB)} MB after restart (target < 1024 MB: ${ok(Math.max(r.rssMB, r.rssAfterSearchMB, r.rssReloadedMB) < 1024)})
  Search, needles among the oldest — ${line('first page', r.oldest)}
  Search, needles among the newest — ${line('first page', r.newest)}
  Baseline: reading the data file and finding the text ${f(r.rawScanBaseline.ms)} ms
  Restart to first tracked hit ${f(r.restartToTrackedMs)} ms (target < 2000: ${ok(r.restartToTrackedMs < 2000)}); to the first page ${f(r.restartToFirstPageMs)} ms (target < 1000 after tracking: ${ok(r.restartToFirstPageMs - r.restartToTrackedMs < 1000)}); to the first filtered search answer ${f(r.restartToFilteredMs)} ms (a rare filter ${f(r.restartToRareFilteredMs)} ms, on a parameter alone ${f(r.restartToRareParamMs)} ms, as a query term ${f(r.restartToRareParamTermMs)} ms); read back whole after ${f(r.restartToLoadedMs)} ms
  Export ${r.exported.finished ? 'finished' : 'stopped'} after ${f(r.exported.ms / 1000, 1)} s: ${r.exported.hitsExported} hits (${f(r.exported.hitsPerSec)}/s); tracking probe max ${f(r.exported.probeMaxMs)} ms, median ${f(r.exported.probeMedianMs)} ms over ${r.exported.probes} probes (target < 50: ${ok(r.exported.probeMaxMs < 50)})`);
}
