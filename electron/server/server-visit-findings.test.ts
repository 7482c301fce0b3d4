// Cross-hit findings (an event whose pv_id matches no page view, an order whose revenue is not
// its items' total) are issues like any other: `issue:` and `has:` terms, `hasIssues`, free
// text, exports and the run counts see them, on hits that were stored without any issue.
import { describe, expect, it } from 'vitest';
import type { HitsPageDto, RunDto } from '../../shared/api/types';
import { type TestServer } from '../../test-support/capture/server-harness';
import { useTestServers } from '../../test-support/capture/use-test-servers';

const servers = useTestServers();

const UA = { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/131.0' };
const VISITOR = `idsite=1&rec=1&_id=0123456789abcdef&url=${encodeURIComponent('https://shop.example/')}`;
const ITEMS = encodeURIComponent('[["S","Shoe","",10,1]]');

/** A page view, an event of an unknown page view, a cart update and a wrong-revenue order. */
async function shop(t: TestServer, prefix = '') {
  await t.send('GET', `${prefix}/matomo.php?${VISITOR}&action_name=Home&pv_id=aaaaaa`, {
    headers: UA,
  });
  await t.send('GET', `${prefix}/matomo.php?${VISITOR}&e_c=Video&e_a=Play&pv_id=zzzzzz`, {
    headers: UA,
  });
  await t.send('GET', `${prefix}/matomo.php?${VISITOR}&idgoal=0&ec_items=${ITEMS}&revenue=10`, {
    headers: UA,
  });
  await t.send(
    'GET',
    `${prefix}/matomo.php?${VISITOR}&idgoal=0&ec_id=A1&revenue=12&ec_items=${ITEMS}`,
    { headers: UA },
  );
}

const ids = (page: HitsPageDto) => page.hits.map((hit) => hit.type).sort();
const query = (q: string) => `/api/hits?query=${encodeURIComponent(q)}`;

describe('cross-hit findings in every filter', { timeout: 30_000 }, () => {
  it('are matched by issue:, has:, hasIssues and free text, and counted in totals', async () => {
    const t = await servers.start();
    await shop(t);
    // The event and the order were stored without an issue of their own.
    const stored = await t.hits();
    const event = stored.find((hit) => hit.type === 'event');
    expect(event?.issues.map((issue) => issue.code)).toEqual(['pv_id.unmatched']);

    const unmatched = await t.api<HitsPageDto>(query('issue:pv_id.unmatched'));
    expect(ids(unmatched)).toEqual(['event']);
    expect(unmatched.total).toBe(1);
    expect(ids(await t.api<HitsPageDto>(query('issue:order.revenue_mismatch')))).toEqual([
      'ecommerce_order',
    ]);
    expect(ids(await t.api<HitsPageDto>(query('has:issues type:event')))).toEqual(['event']);
    expect(ids(await t.api<HitsPageDto>(query('-has:issues')))).toEqual([
      'ecommerce_cart',
      'pageview',
    ]);

    const withIssues = await t.api<HitsPageDto>('/api/hits?hasIssues=1');
    expect(ids(withIssues)).toEqual(['ecommerce_order', 'event']);
    expect(withIssues.total).toBe(2);
    expect(ids(await t.api<HitsPageDto>('/api/hits?hasIssues=0'))).toEqual([
      'ecommerce_cart',
      'pageview',
    ]);
    expect(ids(await t.api<HitsPageDto>('/api/hits?q=revenue_mismatch'))).toEqual([
      'ecommerce_order',
    ]);
  });

  it('are exported with their hits and counted among a run’s hits with issues', async () => {
    const t = await servers.start();
    const run = await t.api<RunDto>('/api/runs', { method: 'POST', body: { name: 'shop' } });
    await shop(t, `/run/${run.id}`);
    const exported = await t.send('GET', `/api/export?format=ndjson&hasIssues=1`, {
      headers: { authorization: 'Bearer test-token-0123456789' },
    });
    const hits = exported.text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string; issues: { code: string }[] });
    expect(hits.map((hit) => hit.type).sort()).toEqual(['ecommerce_order', 'event']);
    const codes = hits.flatMap((hit) => hit.issues.map((issue) => issue.code));
    expect(codes).toEqual(expect.arrayContaining(['pv_id.unmatched', 'order.revenue_mismatch']));
    const runs = await t.api<{ runs: RunDto[] }>('/api/runs');
    expect(runs.runs.find((r) => r.id === run.id)?.withIssues).toBe(2);
  });
});
