// The Playwright helper (hitscope/playwright) against a page sending real tracking requests
// (image, sendBeacon, form POST, bulk) to its production tracker URL, routed to the test's run.
import { fileURLToPath } from 'node:url';
import { test, expect } from 'hitscope/playwright';
import { openShop } from './shop-page';

test('routes image, beacon, POST and bulk hits of a production tracker URL to the run', async ({
  page,
  hitscope,
}) => {
  await openShop(page, 'all-transports');
  await page.getByRole('button', { name: 'Play video' }).click();
  await page.getByRole('button', { name: 'Buy' }).click();

  await expect(hitscope).toHaveReceived({ type: 'pageview', action_name: 'Home' });
  await expect(hitscope).toHaveReceived({ type: 'event', e_c: 'Video', e_a: 'Play' });
  await expect(hitscope).toHaveReceived({ type: 'event', e_a: 'Add to cart' });
  await expect(hitscope).toHaveReceived({ type: 'ecommerce_order', ec_id: 'order-all-transports' });
  await expect(hitscope).toHaveReceived('type:event e_a:"Thank you"');
  await expect(hitscope).toHaveReceivedTimes(2, {
    type: 'event',
    dimension1: 'all-transports',
    e_c: 'Shop',
  });
  await expect(hitscope).not.toHaveReceived({ type: 'event', e_c: 'Newsletter' });

  const hits = await hitscope.hits();
  expect([...new Set(hits.map((hit) => hit.transport))].sort()).toEqual(['bulk', 'get', 'post']);
  expect(hits).toHaveLength(5);
  expect(hits.every((hit) => hit.run === hitscope.id)).toBe(true);
});

test('a missing hit fails with the nearest miss in the message', async ({ page, hitscope }) => {
  await openShop(page, 'nearest-miss');
  await page.getByRole('button', { name: 'Play video' }).click();
  await expect(hitscope).toHaveReceived({ type: 'event', e_c: 'Video' });

  const failure = await expect(hitscope)
    .toHaveReceived({ type: 'event', e_c: 'Video', e_a: 'Pause' }, { timeout: 300 })
    .then(
      () => null,
      (error: Error) => error,
    );
  expect(failure?.message).toContain('Expected a hit matching type=event e_c=Video e_a=Pause');
  expect(failure?.message).toContain(`in run ${hitscope.id} within 300 ms`);
  expect(failure?.message).toMatch(/Nearest miss(es)?:/);
  expect(failure?.message).toContain('e_a: expected "Pause", got "Play"');

  const counted = await expect(hitscope)
    .toHaveReceivedTimes(2, { type: 'event', e_c: 'Video' }, { timeout: 300 })
    .then(
      () => null,
      (error: Error) => error,
    );
  expect(counted?.message).toContain('Expected 2 hits matching type=event e_c=Video');
  expect(counted?.message).toContain('got 1.');
});

test('issues of a run fail toHaveNoIssues with each issue named', async ({ page, hitscope }) => {
  await openShop(page, 'issues');
  await expect(hitscope).toHaveNoIssues({ severity: 'warning' });
  // An event without its action: Matomo counts it as a page view, Hitscope warns.
  await page.evaluate(() => {
    new Image().src = 'https://analytics.example.com/matomo.php?idsite=3&rec=1&e_c=Video';
  });
  await expect(hitscope).toHaveReceived({ e_c: 'Video' });
  const failure = await expect(hitscope)
    .toHaveNoIssues({ severity: 'warning' })
    .then(
      () => null,
      (error: Error) => error,
    );
  expect(failure?.message).toContain('Expected no issue of severity error or warning');
  expect(failure?.message).toContain('event.incomplete');
});

test('a run satisfies the plan file once the visitor bought; before, the plan names what is missing', async ({
  page,
  hitscope,
}) => {
  const plan = fileURLToPath(new URL('./shop-plan.yml', import.meta.url));
  await openShop(page, 'plan');
  await page.getByRole('button', { name: 'Play video' }).click();
  const early = await expect(hitscope)
    .toSatisfyPlan(plan, { timeout: 300 })
    .then(
      () => null,
      (error: Error) => error,
    );
  expect(early?.message).toContain('✗ Order (exactly 1)');
  expect(early?.message).toContain('✓ Video play (exactly 1)');

  await page.getByRole('button', { name: 'Buy' }).click();
  await expect(hitscope).toSatisfyPlan(plan);
});

test.describe('a tracker URL of its own', () => {
  test.use({ hitscopeTrackerUrls: ['https://collect.example.org/t/**'] });

  test('is routed to the run too', async ({ page, hitscope }) => {
    await openShop(page, 'custom-url');
    await page.evaluate(() => {
      new Image().src =
        'https://collect.example.org/t/hit?idsite=3&rec=1&url=https%3A%2F%2Fshop.example%2F&action_name=Custom';
    });
    await expect(hitscope).toHaveReceived({ type: 'pageview', action_name: 'Custom' });
  });
});
