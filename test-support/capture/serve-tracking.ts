// The tracking handler behind a bare HTTP server, with the engine's own analysis unless told
// otherwise, for tests of what the handler does around it (logging, storing, the body).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_LIMITS } from '../../shared/api/settings-rules';
import { analyzeRequest, isPreflight, trackingGif } from '../../shared/matomo';
import { splitTarget } from '../../electron/server/tracking/raw-request';
import {
  createTrackingHandler,
  type TrackingDeps,
} from '../../electron/server/tracking/tracking-handler';

export interface ServedTracking {
  base: string;
  close(): Promise<void>;
}

export async function serveTracking(
  deps: Pick<TrackingDeps, 'store' | 'logger'> & Partial<TrackingDeps>,
): Promise<ServedTracking> {
  let next = 0;
  const handler = createTrackingHandler({
    limits: () => DEFAULT_LIMITS,
    debugMode: () => 'off',
    nextId: () => `id-${next++}`,
    analyze: (raw, now) => analyzeRequest(raw, { now, sites: [], seenOrders: new Set() }),
    isPreflight,
    gif: trackingGif(),
    bodyIdleTimeoutMs: 5_000,
    ...deps,
  });
  const server = createServer((req, res) => void handler(req, res, splitTarget(req.url ?? '/')));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
