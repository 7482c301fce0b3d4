// Helpers of the import tests: POST /api/import and GET /api/export on a test server, the
// capture files of real trackers, and a stable order of hits.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import type { HitDto, ImportResultDto } from '../../shared/api/types';
import { call, type CallResult } from '../admin/http-call';
import { startTestServer, TEST_TOKEN, type TestServer } from './server-harness';

export const BROWSER_UA =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36';

export function realClientFixture(name: string): string {
  const url = new URL(`../../shared/matomo/__fixtures__/real-clients/${name}`, import.meta.url);
  return readFileSync(url, 'utf8');
}

/** Oldest first, bulk hits in their order. */
export const byTime = (a: HitDto, b: HitDto) =>
  a.receivedAt.localeCompare(b.receivedAt) || a.index - b.index;

export interface ImportClient {
  post(body: unknown): Promise<CallResult>;
  /** Imports and expects a 200. */
  importFile(content: string, name?: string): Promise<ImportResultDto>;
  exportText(format: 'ndjson' | 'har'): Promise<string>;
  reset(): Promise<void>;
}

function importClient(t: TestServer): ImportClient {
  const post = (body: unknown) => call(`${t.url}/api/import`, { token: TEST_TOKEN, json: body });
  return {
    post,
    async importFile(content, name = 'test.ndjson') {
      const answer = await post({ content, name });
      expect(answer.status, answer.text).toBe(200);
      return answer.json<ImportResultDto>();
    },
    async exportText(format) {
      const answer = await call(`${t.url}/api/export?format=${format}`, { token: TEST_TOKEN });
      expect(answer.status).toBe(200);
      return answer.text;
    },
    async reset() {
      await t.api('/api/reset', { method: 'POST', body: {} });
    },
  };
}

/**
 * The lifecycle shared by the import tests: one capture server for the file, emptied before
 * each test. Its fields are filled in by the beforeAll hook, so read them inside tests.
 */
export function useImportTestServer(overrides?: Parameters<typeof startTestServer>[0]): {
  t: TestServer;
  client: ImportClient;
} {
  const t = {} as TestServer;
  const client = importClient(t);
  beforeAll(async () => {
    Object.assign(t, await startTestServer(overrides));
  });
  afterAll(() => t.dispose());
  beforeEach(() => client.reset());
  return { t, client };
}
