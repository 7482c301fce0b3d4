// The lifecycle shared by the stall tests: one capture server with a warm device detector and
// a first hit behind it, and a stall monitor started after that, so that neither the
// detector's compilation nor the first request counts. The fields are filled in by the
// beforeAll hook: read them inside tests.
import { afterAll, beforeAll, expect } from 'vitest';
import type { SummaryDto } from '../../shared/api/types';
import { warmDeviceDetector } from '../../shared/matomo/user-agent';
import { readKeepingChunks, readThrough } from './read-through';
import { startTestServer, type TestServer } from './server-harness';
import { leastStallMs, startStallMonitor, type StallMonitor } from './stall-monitor';
import { DEFAULT_LIMITS } from '../../electron/server/settings-validation';
import { MB } from './stall-bounds';

/**
 * Limits that take one value of 16 MB: its line holds 32 MB, which parsed in one turn takes
 * well over the stall bound.
 */
export const LONG_VALUE_LIMITS = {
  ...DEFAULT_LIMITS,
  maxBodyBytes: 24 * MB,
  maxParamValueLength: 24 * MB,
};

export function useStallServer(overrides?: Parameters<typeof startTestServer>[0]): {
  t: TestServer;
  monitor: StallMonitor;
} {
  const t = {} as TestServer;
  const monitor = {} as StallMonitor;
  beforeAll(async () => {
    Object.assign(t, await startTestServer(overrides));
    // The detector compiles its patterns once, at startup; requests come after that.
    warmDeviceDetector();
    await t.send('GET', '/matomo.php?idsite=1&rec=1&action_name=Warm');
    await t.hits();
    Object.assign(monitor, startStallMonitor());
  }, 60_000);
  afterAll(async () => {
    monitor.stop();
    await t.dispose();
  });
  return { t, monitor };
}

/**
 * The least longest stall of two restarts on `dataDir` (a new server, its detector cold) while
 * `read` reads from it; `check` then looks at its answers, unmeasured (parsing a hit of
 * megabytes in the test would count as the server's stall).
 */
export async function restartStallMs(
  monitor: StallMonitor,
  boundMs: number,
  dataDir: string,
  read: (url: string) => Promise<void>,
  check: (server: TestServer) => Promise<void>,
): Promise<number> {
  let stallMs = Infinity;
  for (let attempt = 0; attempt < 2 && stallMs >= boundMs; attempt++) {
    monitor.reset();
    const again = await startTestServer({}, dataDir, { coldDetector: true });
    try {
      // The whole read-back is measured: a filtered page may be answered before it ends.
      await readBackDone(again);
      await read(again.url);
      stallMs = Math.min(stallMs, monitor.longestMs());
      await check(again);
    } finally {
      await again.close();
    }
  }
  return stallMs;
}

/**
 * What a restart's stall tests read once the data file is read back: a free-text search
 * (reading every value of a hit its entries cannot speak for), the first page and each hit of
 * `ids` by id, each answer only read as bytes.
 */
export async function readBackAndOpen(url: string, ids: readonly string[]): Promise<void> {
  expect(await readThrough(url, '/api/hits?limit=1&q=no-such-text')).toBe(200);
  expect(await readThrough(url, '/api/hits?limit=100')).toBe(200);
  for (const id of ids) expect(await readThrough(url, `/api/hits/${id}`)).toBe(200);
}

/**
 * Waits until the server has read its data file back (the summary stops naming it). Asked
 * through node:http, as the answers measured are: fetch loads its modules on its first call,
 * some 50 ms of this process's CPU that a restart's measure would count.
 */
export async function readBackDone(server: TestServer): Promise<void> {
  for (;;) {
    const { status, chunks } = await readKeepingChunks(server.url, '/api/summary');
    expect(status).toBe(200);
    const summary = JSON.parse(Buffer.concat(chunks).toString('utf8')) as SummaryDto;
    if (summary.readBack === undefined) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The least of three attempts' longest stall while `path` is read through (below `boundMs`, one). */
export async function readStallMs(
  server: TestServer,
  monitor: StallMonitor,
  path: string,
  boundMs: number,
): Promise<number> {
  return (await readStallAndAnswer(server, monitor, path, boundMs)).stallMs;
}

/**
 * As readStallMs, with the last attempt's answer, whose bytes are only kept while measured:
 * a test that looks into the answer need not ask for it again (an answer of tens of
 * megabytes takes seconds to build).
 */
export async function readStallAndAnswer(
  server: TestServer,
  monitor: StallMonitor,
  path: string,
  boundMs: number,
): Promise<{ stallMs: number; answer: Buffer }> {
  let chunks: Buffer[] = [];
  const stallMs = await leastStallMs(monitor, boundMs, async () => {
    const read = await readKeepingChunks(server.url, path);
    expect(read.status).toBe(200);
    chunks = read.chunks;
  });
  return { stallMs, answer: Buffer.concat(chunks) };
}
