// Starts a real capture server in-process on a free port with a temporary data dir, and
// talks to it over HTTP like any client: tracking requests, raw sockets, the admin API.
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HitDto, HitsPageDto, RequestRecordDto, SummaryDto } from '../../shared/api/types';
import type { CaptureServer, ServerOptions } from '../../electron/server/contracts';
import { startCaptureServer } from '../../electron/server/server';
import { DEFAULT_LIMITS } from '../../electron/server/settings-validation';
import { warmDeviceDetector } from '../../shared/matomo/user-agent';
import { writeInPieces } from './piecewise-send';

export const TEST_TOKEN = 'test-token-0123456789';

export interface Answer {
  status: number;
  statusMessage: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  text: string;
}

export interface TestServer {
  server: CaptureServer;
  url: string;
  dataDir: string;
  /** Any HTTP request; the body is sent as given. */
  send(
    method: string,
    path: string,
    options?: { body?: string | Buffer; headers?: Record<string, string | number> },
  ): Promise<Answer>;
  /** Raw bytes on a socket; resolves with everything the server sent before closing. */
  raw(bytes: string | Buffer, options?: { endAfterMs?: number }): Promise<string>;
  api<T>(path: string, init?: { method?: string; body?: unknown }): Promise<T>;
  hits(query?: string): Promise<HitDto[]>;
  summary(): Promise<SummaryDto>;
  request(id: string): Promise<RequestRecordDto>;
  /** The newest failed request record. */
  lastFailed(): Promise<RequestRecordDto | undefined>;
  close(): Promise<void>;
  /** Closes and removes the data dir. */
  dispose(): Promise<void>;
}

export async function startTestServer(
  overrides: Partial<ServerOptions> = {},
  dataDir = mkdtempSync(join(tmpdir(), 'hitscope-server-')),
  options: { coldDetector?: boolean } = {},
): Promise<TestServer> {
  // A server's first tracking requests wait for the device detector's warm-up (a second or
  // more of CPU, in steps): done here at once, so that tests of other things do not spend
  // their time limit on it. The start-up test asks for a cold detector.
  if (options.coldDetector !== true) warmDeviceDetector();
  const server = await startCaptureServer({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    token: TEST_TOKEN,
    debugMode: 'on-demand',
    maxHits: 100_000,
    logLevel: 'warn',
    logToStderr: false,
    limits: DEFAULT_LIMITS,
    ...overrides,
  });
  const send: TestServer['send'] = (method, path, options = {}) =>
    new Promise((resolve, reject) => {
      const body = options.body ?? '';
      const req = request(`${server.url}${path}`, {
        method,
        agent: false,
        headers: {
          ...(body !== '' || method === 'POST'
            ? { 'content-length': Buffer.byteLength(body) }
            : {}),
          ...options.headers,
        },
      });
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const all = Buffer.concat(chunks);
          resolve({
            status: res.statusCode ?? 0,
            statusMessage: res.statusMessage ?? '',
            headers: res.headers,
            body: all,
            text: all.toString('utf8'),
          });
        });
      });
      req.on('error', reject);
      // Megabytes handed to the socket at once are copied (and a text encoded) in one callback
      // of this process, which a stall test would count as the server's.
      writeInPieces(req, body, reject);
    });
  const api = async <T>(path: string, init: { method?: string; body?: unknown } = {}) => {
    const res = await fetch(`${server.url}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        authorization: `Bearer ${TEST_TOKEN}`,
        // Every admin write says it is JSON, even without a body (the server refuses others).
        ...((init.method ?? 'GET') === 'GET' ? {} : { 'content-type': 'application/json' }),
      },
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    });
    const json = (await res.json()) as T;
    if (!res.ok) throw new Error(`${path} answered ${res.status}: ${JSON.stringify(json)}`);
    return json;
  };
  const close = () => server.close();
  return {
    server,
    url: server.url,
    dataDir,
    send,
    raw: (bytes, options = {}) =>
      new Promise((resolve, reject) => {
        const socket = connect(server.port, '127.0.0.1');
        let text = '';
        socket.setEncoding('latin1');
        socket.on('data', (chunk: string) => (text += chunk));
        socket.on('close', () => resolve(text));
        socket.on('error', (error) => (text ? resolve(text) : reject(error)));
        socket.write(bytes);
        if (options.endAfterMs !== undefined) setTimeout(() => socket.end(), options.endAfterMs);
      }),
    api,
    hits: async (query = '') => (await api<HitsPageDto>(`/api/hits?limit=1000${query}`)).hits,
    summary: () => api<SummaryDto>('/api/summary'),
    request: (id) => api<RequestRecordDto>(`/api/requests/${id}`),
    lastFailed: async () => server.store?.failedRequests(1)[0],
    close,
    dispose: async () => {
      await close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
