// A 1024×640 window: the Summary column stays readable beside the inspector, the tracker
// URL is shown whole, and the inspector can be hidden (by keyboard too) and stays hidden.
import { expect, test } from '../support/fixtures';
import { HitsPage } from '../support/hits-page';
import { pageView } from '../support/page-view';

test.use({ viewport: { width: 1024, height: 640 } });

test('the Summary column and the tracker URL stay readable', async ({ app, server }) => {
  const hits = new HitsPage(app);
  await server.sendHit(pageView('Home'));
  await hits.expectRowCount(1);
  const summary = hits.grid.getByRole('columnheader', { name: /Summary/ });
  const box = await summary.boundingBox();
  const inspector = await hits.inspector.boundingBox();
  expect(box && inspector).toBeTruthy();
  // The part of the column left of the inspector.
  expect(inspector!.x - box!.x).toBeGreaterThanOrEqual(160);
  const url = app.getByTestId('tracker-url');
  await expect(url).toHaveText(server.trackerUrl);
  const clipped = await url.evaluate((element) => element.scrollWidth > element.clientWidth);
  expect(clipped).toBe(false);
});

test('the inspector hides and shows from the keyboard and is remembered', async ({
  app,
  server,
}) => {
  const hits = new HitsPage(app);
  await server.sendHit(pageView('Home'));
  await hits.expectRowCount(1);
  const hide = app.getByRole('button', { name: 'Hide inspector' });
  await expect(hide).toHaveAttribute('aria-expanded', 'true');
  const tableBefore = (await hits.grid.boundingBox())!.width;
  await hide.focus();
  await app.keyboard.press('Enter');
  await expect(hits.inspector).toHaveCount(0);
  expect((await hits.grid.boundingBox())!.width).toBeGreaterThan(tableBefore + 300);
  const show = app.getByRole('button', { name: 'Show inspector' });
  await expect(show).toBeFocused();
  await expect(show).toHaveAttribute('aria-expanded', 'false');

  await app.reload();
  await expect(app.locator('[data-ready="true"]')).toBeVisible();
  await expect(hits.inspector).toHaveCount(0);
  // Enter on a hit brings the inspector back with the hit in it.
  await hits.row('Home').click();
  await app.keyboard.press('Enter');
  await expect(hits.inspector).toBeFocused();
  await expect(hits.verdict).toBeVisible();
  await expect(app.getByRole('button', { name: 'Hide inspector' })).toBeVisible();
});
