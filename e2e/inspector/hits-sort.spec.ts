import { expect, test } from '../support/fixtures';
import { HitsPage } from '../support/hits-page';
import { pageView } from '../support/page-view';

test('sorting by site orders the live table, places new hits, is remembered and clears', async ({
  app,
  server,
}, testInfo) => {
  const hits = new HitsPage(app);
  const summaries = hits.rows.locator('.col-summary');
  const siteHeader = hits.grid.getByRole('columnheader', { name: /^Site/ });
  const follow = app.getByRole('button', { name: 'Follow newest' });
  const status = app.getByTestId('sort-status');

  await server.sendHit(pageView('Ten', { idsite: '10' }));
  await server.sendHit({ idsite: '2', rec: '1', e_c: 'Video', e_a: 'Play' });
  await server.sendHit(pageView('Seven', { idsite: '7' }));
  await server.sendBulk([
    '?idsite=3&rec=1&action_name=Bulk%20three&url=https://shop.example/b3',
    '?idsite=1&rec=1&action_name=Bulk%20one&url=https://shop.example/b1',
  ]);
  await server.sendHit(pageView('Two', { idsite: '2' }));
  await hits.expectRowCount(6);
  await expect(hits.groups).toHaveCount(1);
  await expect(siteHeader).toHaveAttribute('aria-sort', 'none');

  await siteHeader.getByRole('button').click();
  await expect(siteHeader).toHaveAttribute('aria-sort', 'ascending');
  // Numbers, not text (10 after 7); equal sites newest first, as the table shows newest on top.
  await expect(summaries).toHaveText([
    'Bulk one',
    'Two',
    'Video › Play',
    'Bulk three',
    'Seven',
    'Ten',
  ]);
  await expect(hits.groups).toHaveCount(0);
  await expect(hits.row('Bulk one')).toContainText('bulk #2');
  await expect(status).toContainText('Sorted by Site ▲ — newest not followed');
  await expect(follow).toBeDisabled();

  // A new hit goes to its sorted place, not to the top.
  await server.sendHit(pageView('Five', { idsite: '5' }));
  await expect(summaries).toHaveText([
    'Bulk one',
    'Two',
    'Video › Play',
    'Bulk three',
    'Five',
    'Seven',
    'Ten',
  ]);
  await app.screenshot({ path: testInfo.outputPath('sorted-by-site.png') });

  // The keyboard sorts too: Enter on the focused header.
  await siteHeader.getByRole('button').focus();
  await app.keyboard.press('Enter');
  await expect(siteHeader).toHaveAttribute('aria-sort', 'descending');
  await expect(summaries.first()).toHaveText('Ten');

  await app.reload();
  await expect(app.locator('[data-ready="true"]')).toBeVisible();
  await expect(siteHeader).toHaveAttribute('aria-sort', 'descending');
  await expect(summaries.first()).toHaveText('Ten');

  await status.getByRole('button', { name: 'Clear sort' }).click();
  await expect(siteHeader).toHaveAttribute('aria-sort', 'none');
  await expect(status).toHaveCount(0);
  await expect(hits.groups).toHaveCount(1);
  await expect(follow).toBeEnabled();
  await expect(summaries.first()).toHaveText('Five');
});

test('rows in view stay put while sorted hits arrive above them', async ({ app, server }) => {
  const hits = new HitsPage(app);
  for (let i = 0; i < 40; i++)
    await server.sendHit(pageView(`Page ${i}`, { idsite: String((i % 4) + 1) }));
  await expect(app.getByTestId('row-count')).toHaveText('40 hits');
  await hits.grid.getByRole('columnheader', { name: /^Site/ }).getByRole('button').click();
  await expect(hits.rows.first()).toContainText('Page 36');
  await hits.grid.hover();
  await app.mouse.wheel(0, 400);
  const target = hits.row('Page 18');
  await expect(target).toBeInViewport();
  const before = await target.boundingBox();
  // Site 1 sorts before every row in view: the five new hits go above them, out of sight.
  for (let i = 40; i < 45; i++) await server.sendHit(pageView(`Page ${i}`, { idsite: '1' }));
  await expect(app.getByTestId('row-count')).toHaveText('45 hits');
  expect(await target.boundingBox()).toEqual(before);
  await hits.grid.evaluate((grid) => grid.scrollTo({ top: 0 }));
  await expect(hits.rows.first()).toContainText('Page 44');
});
