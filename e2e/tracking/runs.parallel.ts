// Run by two workers at once against one Hitscope (playwright-runs.config.ts): every test
// sends hits marked with its worker and number, and must find only its own in its run,
// while the shared server holds the other worker's too.
import { test, expect } from 'hitscope/playwright';
import { openShop } from './shop-page';

for (const n of [1, 2, 3, 4]) {
  test(`test ${n} sees only its own hits`, async ({ page, hitscope, hitscopeServer }, testInfo) => {
    expect(hitscopeServer.url).toBe(process.env.HITSCOPE_URL);
    const marker = `w${testInfo.workerIndex}-t${n}`;
    await openShop(page, marker);
    await page.getByRole('button', { name: 'Play video' }).click();
    await page.getByRole('button', { name: 'Buy' }).click();
    await expect(hitscope).toHaveReceivedTimes(2, { type: 'event', e_c: 'Shop' });
    await expect(hitscope).toHaveReceivedTimes(1, { type: 'event', e_c: 'Video' });
    await expect(hitscope).toHaveReceivedTimes(5, { dimension1: marker });
    const own = await hitscope.hits();
    expect(own.map((hit) => hit.params.dimension1)).toEqual(Array(5).fill(marker));

    // The same server holds another worker's hits meanwhile: isolation, not separate servers.
    await expect
      .poll(
        async () => {
          const res = await fetch(`${hitscopeServer.url}/api/hits?limit=1000&query=dimension1:*`, {
            headers: { authorization: `Bearer ${hitscopeServer.token}` },
          });
          const { hits } = (await res.json()) as { hits: { params: Record<string, unknown> }[] };
          return hits.some(
            (hit) => !String(hit.params.dimension1).startsWith(`w${testInfo.workerIndex}-`),
          );
        },
        { timeout: 30_000 },
      )
      .toBe(true);
  });
}

test('a failing test gets its run attached', async ({ page, hitscope }) => {
  test.fail();
  await openShop(page, 'attached');
  await expect(hitscope).toHaveReceived({ type: 'pageview', action_name: 'Home' });
  await expect(hitscope).toHaveReceived({ type: 'event', e_c: 'Never sent' }, { timeout: 200 });
});
