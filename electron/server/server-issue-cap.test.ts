// A hit with thousands of findings of one code is stored with the first ones listed and one
// closing issue counting the rest: read back by id, after a restart, filtered by issue code
// and exported, it says how many findings there were (docs/tracking-protocol.md#issue-cap).
import { describe, expect, it } from 'vitest';
import type { HitDetailDto } from '../../shared/api/types';
import { DEFAULT_LIMITS } from '../../shared/api/settings-rules';
import { ISSUES_LISTED_PER_CODE } from '../../shared/matomo/issue-cap';
import { TEST_TOKEN, type TestServer } from '../../test-support/capture/server-harness';
import { useTestServers } from '../../test-support/capture/use-test-servers';

const servers = useTestServers();

async function start(dataDir?: string) {
  // A value of hundreds of kilobytes, as a user raising the default limit lets through.
  const limits = { ...DEFAULT_LIMITS, maxParamValueLength: 16 * 1024 * 1024 };
  const t = await servers.start({ limits }, dataDir);
  return t;
}

const BAD_SLOTS = 10_000;

/** A form POST whose `_cvar` holds BAD_SLOTS slots out of 1–5 (one json.shape warning each). */
function sendBadSlots(t: TestServer) {
  const slots: Record<string, [string, string]> = {};
  for (let n = 0; n < BAD_SLOTS; n++) slots[String(6 + n)] = [`name${n}`, `value${n}`];
  const body = new URLSearchParams({
    idsite: '1',
    rec: '1',
    url: 'https://example.org/',
    uid: 'capped',
    _cvar: JSON.stringify(slots),
  }).toString();
  return t.send('POST', '/matomo.php', {
    body,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
}

function expectCapped(detail: HitDetailDto) {
  const shape = detail.hit.issues.filter((issue) => issue.code === 'json.shape');
  expect(shape).toHaveLength(ISSUES_LISTED_PER_CODE + 1);
  expect(shape.at(-1)).toMatchObject({
    severity: 'warning',
    param: '_cvar',
    more: BAD_SLOTS - ISSUES_LISTED_PER_CODE,
  });
  expect(detail.hit.outcome).toBe('recorded');
}

describe('a hit with more issues of one code than it lists', () => {
  it('is stored capped, found by its code and exported with every finding counted', async () => {
    const t = await start();
    expect((await sendBadSlots(t)).status).toBe(200);
    const [hit] = await t.hits('&param.uid=capped');
    if (!hit) throw new Error('the hit was not stored');
    expectCapped(await t.api<HitDetailDto>(`/api/hits/${hit.id}`));

    for (const filter of ['query=issue%3Ajson.shape', 'query=has%3Awarnings', 'hasIssues=1']) {
      expect(
        (await t.hits(`&${filter}`)).map((h) => h.id),
        filter,
      ).toEqual([hit.id]);
    }
    const csv = await t.send('GET', '/api/export?format=csv', {
      headers: { authorization: `Bearer ${TEST_TOKEN}` },
    });
    const [head, row] = csv.text.split('\r\n');
    const column = head?.split(',').indexOf('issueCount') ?? -1;
    expect(column).toBeGreaterThan(-1);
    expect(row?.split(',')[column]).toBe(String(BAD_SLOTS));

    await t.close();
    const again = await start(t.dataDir);
    // The data file is read back in turns after the server listens.
    await expect.poll(async () => (await again.summary()).hits).toBe(1);
    expectCapped(await again.api<HitDetailDto>(`/api/hits/${hit.id}`));
    expect((await again.hits('&query=issue%3Ajson.shape')).map((h) => h.id)).toEqual([hit.id]);
  });
});
