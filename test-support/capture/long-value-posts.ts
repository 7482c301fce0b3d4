// Sending hits of long values to a test server and reading them back as the UI does.
import { expect } from 'vitest';
import type { HitSummariesPageDto } from '../../shared/api/types';
import { DEFAULT_LIMITS } from '../../electron/server/settings-validation';
import { call } from '../admin/http-call';
import { TEST_TOKEN, type TestServer } from './server-harness';

export const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/** Limits that let one value of megabytes through. */
export const LONG_VALUE_LIMITS = { ...DEFAULT_LIMITS, maxParamValueLength: 16 * 1024 * 1024 };

/** An admin API answer, with the token. */
export const getWithToken = (t: TestServer, path: string) =>
  call(`${t.url}${path}`, { token: TEST_TOKEN });

/** Sends a POST (a form by default) and answers its hit's id (a refused hit is stored too). */
export async function postHit(
  t: TestServer,
  body: string | Buffer,
  headers: Record<string, string> = FORM,
): Promise<string> {
  expect((await t.send('POST', '/matomo.php', { body, headers })).status).toBeLessThan(500);
  const [hit] = (await t.api<HitSummariesPageDto>('/api/hits?limit=1&fields=compact')).hits;
  return hit?.id ?? '';
}
