// Credentials that ride on tracking requests: Hitscope's own sign-in cookie (browsers send a
// host's cookies to every port of it) is never stored nor exported; a site's cookies and
// Authorization are stored and masked in exports unless revealed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestRecordDto } from '../../shared/api/types';
import { tokenCookieName } from '../../shared/api/credential-mask';
import { call } from '../../test-support/admin/http-call';
import {
  startTestServer,
  TEST_TOKEN,
  type TestServer,
} from '../../test-support/capture/server-harness';

let t: TestServer;
/** The request every test looks at, captured once whatever order the tests run in. */
let captured: RequestRecordDto;
beforeAll(async () => {
  t = await startTestServer();
  captured = await captureWithCookies();
});
afterAll(() => t.dispose());

const SITE_SESSION = 'site-session-0123456789';
const BASIC = 'Basic dXNlcjpzM2NyZXQ=';

async function captureWithCookies(): Promise<RequestRecordDto> {
  const own = `${tokenCookieName(t.server.port)}=${TEST_TOKEN}`;
  const sent = await t.send('GET', '/matomo.php?idsite=1&rec=1&action_name=credentials', {
    headers: { cookie: `_pk_id.1.abc=visitor; ${own}; sid=${SITE_SESSION}`, authorization: BASIC },
  });
  expect(sent.status).toBe(200);
  const [hit] = await t.hits('&q=credentials');
  return t.request(hit!.requestId);
}

async function exported(format: 'har' | 'ndjson', reveal = false): Promise<string> {
  const answer = await call(
    `${t.url}/api/export?format=${format}${reveal ? '&revealTokens=1' : ''}`,
    {
      token: TEST_TOKEN,
    },
  );
  expect(answer.status).toBe(200);
  return answer.text;
}

describe('credentials on captured requests', () => {
  it('never stores the sign-in cookie of this or any Hitscope server', async () => {
    const request = captured;
    expect(request.headers.cookie).toBe(
      `_pk_id.1.abc=visitor; ${tokenCookieName(t.server.port)}=********; sid=${SITE_SESSION}`,
    );
    await t.server.close();
    t = await startTestServer({ port: t.server.port }, t.dataDir);
    await expect.poll(async () => (await t.summary()).hits).toBeGreaterThan(0);
    const reloaded = await t.request(request.id);
    expect(reloaded.headers.cookie).toContain('_pk_id.1.abc=visitor');
    expect(JSON.stringify(reloaded)).not.toContain(TEST_TOKEN);
  }, 30_000);

  it('masks cookies, Authorization and the sign-in cookie in HAR exports by default', async () => {
    const har = await exported('har');
    expect(har).not.toContain(TEST_TOKEN);
    expect(har).not.toContain(SITE_SESSION);
    expect(har).not.toContain(BASIC);
    expect(har).not.toContain('=visitor');
    expect(har).toContain('_pk_id.1.abc=********');
  });

  it('reveals a site\u2019s credentials on request, never the sign-in cookie', async () => {
    const har = await exported('har', true);
    expect(har).toContain(SITE_SESSION);
    expect(har).toContain(BASIC);
    expect(har).not.toContain(TEST_TOKEN);
  });
});
