// The lifecycle shared by the admin route tests: one admin test server for the whole file,
// started before the first test and closed after the last.
import { afterAll, beforeAll } from 'vitest';
import {
  startAdminTestServer,
  type AdminTestOptions,
  type AdminTestServer,
} from './admin-test-server';

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
