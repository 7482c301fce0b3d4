// The lifecycle of the capture servers a test starts: each is closed after its test, newest
// first (a server started again on another's data directory goes before it), and its data
// directory removed, so that no file leaves a server listening or a file behind it for the
// files after it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { startTestServer, type TestServer } from './server-harness';

export interface TestServers {
  /** startTestServer, the server closed and its data directory removed after the test. */
  start(...args: Parameters<typeof startTestServer>): Promise<TestServer>;
  /** A new empty directory, removed after the test once its servers are closed. */
  tempDir(prefix: string): string;
}

/** Registers the afterEach hook that closes what `start` and `tempDir` gave. */
export function useTestServers(): TestServers {
  const started: TestServer[] = [];
  const dirs: string[] = [];
  afterEach(async () => {
    for (const server of started.splice(0).reverse()) await server.dispose();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return {
    async start(...args) {
      const server = await startTestServer(...args);
      started.push(server);
      return server;
    },
    tempDir(prefix) {
      const dir = mkdtempSync(join(tmpdir(), prefix));
      dirs.push(dir);
      return dir;
    },
  };
}
