// Screenshots of the Visits view and the inspector's goals and visit sections, to look at
// (not a test): 1280×800 and 1024×640, light and dark.
import { fileURLToPath } from 'node:url';
import { expect, test } from './support/fixtures';

const out = (name: string) =>
  fileURLToPath(new URL(`../test-results/${name}.png`, import.meta.url));

const UA = 'Mozilla/5.0 (X11; Linux x86_64; rv:131.0) Gecko/20100101 Firefox/131.0';

test('visits screenshots', async ({ app, server }) => {
  await server.api('PUT', '/api/settings', {
    sites: [
      {
        idsite: 1,
        name: 'Shop',
        urls: ['https://shop.example'],
        goals: [],
        dimensions: [],
        siteSearch: true,
        tokens: [],
        goalDefinitions: [
          {
            idgoal: 1,
            name: 'Order page',
            matchAttribute: 'url',
            pattern: '/checkout/success',
            patternType: 'contains',
            caseSensitive: true,
            revenue: 5,
          },
        ],
      },
    ],
  });
  const send = (params: Record<string, string>) =>
    server.sendHit(
      { idsite: '1', rec: '1', _id: '0123456789abcdef', ...params },
      { headers: { 'user-agent': UA } },
    );
  await send({
    action_name: 'Home',
    url: 'https://shop.example/?mtm_campaign=Spring&mtm_kwd=Mail',
    urlref: 'https://www.google.com/search?q=shoes',
  });
  await send({ action_name: 'Trail shoes', url: 'https://shop.example/shoes/trail' });
  await send({
    e_c: 'Video',
    e_a: 'Play',
    e_n: 'Trail review',
    url: 'https://shop.example/shoes/trail',
  });
  await send({ action_name: 'Thanks', url: 'https://shop.example/checkout/success' });
  await send({ action_name: 'Thanks', url: 'https://shop.example/Checkout/Success' });
  await send({ action_name: 'Newsletter', url: 'https://shop.example/?mtm_campaign=newsletter' });
  await send({
    idgoal: '0',
    ec_id: 'A1',
    revenue: '99',
    ec_items: JSON.stringify([['SKU-1', 'Shoe', '', 10, 1]]),
    url: 'https://shop.example/checkout/order',
  });
  await server.waitForHits(7);
  await app.getByRole('tab', { name: 'Visits' }).click();
  const visits = app.getByRole('list', { name: 'Visits' }).getByRole('button');
  await expect(visits).toHaveCount(2);
  for (const [width, height] of [
    [1280, 800],
    [1024, 640],
  ] as const) {
    await app.setViewportSize({ width, height });
    await visits.nth(0).click();
    await expect(app.locator('.visit-action')).toHaveCount(2);
    await app.screenshot({ path: out(`visits-newest-${width}`) });
    await visits.nth(1).click();
    await expect(app.locator('.visit-action')).toHaveCount(5);
    await app.screenshot({ path: out(`visits-first-${width}`) });
  }
  await app.setViewportSize({ width: 1280, height: 800 });
  await app.emulateMedia({ colorScheme: 'dark' });
  await app.screenshot({ path: out('visits-dark') });
  await app
    .locator('.visit-action')
    .nth(4)
    .getByRole('button', { name: /^Inspect/ })
    .click();
  await expect(app.getByRole('region', { name: 'Goals' })).toBeVisible();
  await app.getByRole('region', { name: 'Goals' }).scrollIntoViewIfNeeded();
  await app.screenshot({ path: out('visits-inspector-dark') });
  await app.emulateMedia({ colorScheme: 'light' });
  await app.screenshot({ path: out('visits-inspector') });
});
