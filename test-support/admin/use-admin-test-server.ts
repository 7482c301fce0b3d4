// The lifecycles shared by the admin route tests: one admin test server for the whole file,
// started before the first test and closed after the last; or, for the event stream tests, a
// fresh server per test (its stream timings and listeners start clean).
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import {
  startAdminTestServer,
  TEST_TOKEN,
  type AdminTestOptions,
  type AdminTestServer,
} from './admin-test-server';
import { openSse, type SseClient } from './sse-client';

/**
 * Registers beforeAll/afterAll hooks and answers the server. Its fields are filled in by the
 * beforeAll hook, so read them inside hooks and tests, not at the top level of the file.
 */
export function useAdminTestServer(options: AdminTestOptions = {}): AdminTestServer {
  const server = {} as AdminTestServer;
  beforeAll(async () => {
    Object.assign(server, await startAdminTestServer(options));
  });
  afterAll(() => server.close());
  return server;
}

/**
 * A fresh admin test server for each test with the given stream timings, and `openStream` to
 * read its event stream (`path` with the query, `/api/stream` by default) with the token. The
 * streams opened are closed after each test, before the server. Fields are filled in by the
 * beforeEach hook, so read them inside tests.
 */
export function useStreamTestServer(stream: NonNullable<AdminTestOptions['stream']>): {
  server: AdminTestServer;
  openStream(path?: string): Promise<SseClient>;
} {
  const server = {} as AdminTestServer;
  const clients: SseClient[] = [];
  beforeEach(async () => {
    Object.assign(server, await startAdminTestServer({ stream }));
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.close();
    await server.close();
  });
  const openStream = async (path = '/api/stream') => {
    const client = await openSse(`${server.base}${path}`, {
      authorization: `Bearer ${TEST_TOKEN}`,
    });
    clients.push(client);
    return client;
  };
  return { server, openStream };
}
