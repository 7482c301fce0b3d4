// A real node:http server around createAdminHandler with a fake store, the real settings
// store and logger, and a minimal tracking endpoint (for /api/send to "self").
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createAdminHandler,
  type ClosableAdminHandler,
} from '../../electron/server/admin/admin-handler';
import type { AdminOptions } from '../../electron/server/admin/routes';
import type { AdminContext } from '../../electron/server/contracts';
import { createIdSource } from '../../electron/server/dto';
import { createServerLogger } from '../../electron/server/logger';
import { createSettingsStore } from '../../electron/server/settings-store';
import { DEFAULT_LIMITS } from '../../electron/server/settings-validation';
import type { RawRequest } from '../../shared/matomo/types';
import { createFakeStore, type FakeHitStore } from './fake-store';
import { fakeAnalyze, fakeToDtos } from './fixtures';

export const TEST_TOKEN = 'test-token-0123456789abcdef';
export const GIF = Buffer.from(
  'R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7',
  'base64',
);

export interface AdminTestServer {
  base: string;
  port: number;
  host: string;
  ctx: AdminContext;
  admin: ClosableAdminHandler;
  store: FakeHitStore;
  analyzed: RawRequest[];
  close(): Promise<void>;
}

export interface AdminTestOptions extends AdminOptions {
  host?: string;
  uiDir?: string;
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function flatHeaders(req: http.IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

export async function startAdminTestServer(
  options: AdminTestOptions = {},
): Promise<AdminTestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hitscope-admin-test-'));
  const store = createFakeStore();
  const analyzed: RawRequest[] = [];
  const logger = createServerLogger({ level: 'info', toStderr: false });
  const settings = createSettingsStore({
    dataDir,
    initial: {
      debugMode: 'on-demand',
      sites: [],
      upstreamUrl: '',
      maxHits: 100_000,
      extraTrackingPaths: [],
      limits: DEFAULT_LIMITS,
    },
    explicit: new Set(),
    facts: { trackerUrl: 'http://127.0.0.1/matomo.php', version: '9.9.9' },
  });
  let base = '';
  const ctx: AdminContext = {
    store,
    settings,
    logger,
    token: TEST_TOKEN,
    version: '9.9.9',
    selfUrl: () => base,
    analyze: (raw) => {
      analyzed.push(raw);
      return fakeAnalyze(raw);
    },
    toDtos: fakeToDtos,
    nextId: createIdSource(),
    ...(options.uiDir === undefined ? {} : { uiDir: options.uiDir }),
  };
  const admin = createAdminHandler(ctx, options);
  const server = http.createServer((req, res) => {
    if (admin(req, res)) return;
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== '/matomo.php') {
      res.statusCode = 404;
      res.end('not found');
      return;
    }
    void readBody(req).then(async (body) => {
      const raw: RawRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.search.slice(1),
        headers: flatHeaders(req),
        body,
        remoteAddress: req.socket.remoteAddress ?? '',
      };
      const { request, hits } = fakeToDtos(raw, fakeAnalyze(raw));
      await store.add(request, hits);
      res.setHeader('Content-Type', 'image/gif');
      res.end(GIF);
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const port = (server.address() as AddressInfo).port;
  base = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    base,
    port,
    host,
    ctx,
    admin,
    store,
    analyzed,
    async close() {
      admin.endStreams();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
