// The tracking handler's line per stored request: written at the debug level, and at any
// other level not even built (this runs for every hit).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { LogLineDto } from '../../../shared/api/types';
import { analyzeRequest, isPreflight, trackingGif } from '../../../shared/matomo';
import type { HitStore, ServerLogger } from '../contracts';
import { DEFAULT_LIMITS } from '../../../shared/api/settings-rules';
import { splitTarget } from './raw-request';
import { createTrackingHandler } from './tracking-handler';

const PAGEVIEW = '/matomo.php?idsite=1&rec=1&action_name=Home&url=http%3A%2F%2Fexample.org%2F';

let server: Server | undefined;
afterEach(
  () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
);

/** A logger at `level` that records every call made to it. */
function countingLogger(level: LogLineDto['level']) {
  const order: LogLineDto['level'][] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];
  const calls: { level: string; msg: string; fields?: Record<string, unknown> }[] = [];
  const logger: ServerLogger = {
    log: (at, msg, fields) => void calls.push({ level: at, msg, ...(fields ? { fields } : {}) }),
    enabled: (at) => order.indexOf(at) >= order.indexOf(level),
    subscribe: () => () => undefined,
    recent: () => [],
    flush: async () => undefined,
  };
  return { logger, calls };
}

async function track(logger: ServerLogger): Promise<number> {
  let added = 0;
  const store = {
    loading: () => null,
    seenOrders: () => new Set<string>(),
    add: async () => void added++,
  } as unknown as HitStore;
  let next = 0;
  const handler = createTrackingHandler({
    store,
    logger,
    limits: () => DEFAULT_LIMITS,
    debugMode: () => 'off',
    nextId: () => `id-${next++}`,
    analyze: (raw, now) => analyzeRequest(raw, { now, sites: [], seenOrders: new Set() }),
    isPreflight,
    gif: trackingGif(),
    bodyIdleTimeoutMs: 5_000,
  });
  server = createServer((req, res) => void handler(req, res, splitTarget(req.url ?? '/')));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const answer = await fetch(`http://127.0.0.1:${port}${PAGEVIEW}`);
  await answer.arrayBuffer();
  expect(answer.status).toBe(200);
  return added;
}

describe('tracking handler log', () => {
  it('writes one debug line per stored request at the debug level', async () => {
    const { logger, calls } = countingLogger('debug');
    expect(await track(logger)).toBe(1);
    expect(calls).toEqual([
      {
        level: 'debug',
        msg: 'Tracking request',
        fields: { id: 'id-0', method: 'GET', hits: 1, status: 200 },
      },
    ]);
  });

  it('makes no call to the logger for a stored request at a higher level', async () => {
    const { logger, calls } = countingLogger('info');
    expect(await track(logger)).toBe(1);
    expect(calls).toEqual([]);
  });
});
