// A 1024×640 window: the Summary column stays readable beside the inspector, the tracker
// URL is shown whole, and the inspector can be hidden (by keyboard too) and stays hidden.
import { expect, test, type ServerFixture } from '../support/fixtures';
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

test('a bulk entry reads whole in the Transport column, its full place in the tooltip', async ({
  app,
  server,
}) => {
  const hits = new HitsPage(app);
  await server.sendBulk(
    Array.from({ length: 1000 }, (_, i) => `?idsite=1&rec=1&action_name=Entry${i + 1}`),
  );
  await hits.searchFor('Entry451');
  const cell = hits.row('Entry451').locator('.transport');
  await expect(cell).toHaveText('bulk #451');
  await expect(cell).toHaveAttribute('title', 'bulk 451 of 1000');
  expect(await cell.evaluate((element) => element.scrollWidth > element.clientWidth)).toBe(false);
});

/** Page views in bulks of 500: enough of them give the counts five digits. */
async function sendPageViews(server: ServerFixture, count: number): Promise<void> {
  for (let sent = 0; sent < count; sent += 500) {
    const entries = Array.from(
      { length: 500 },
      (_, i) => `?idsite=1&rec=1&action_name=P${sent + i}&url=https%3A%2F%2Fshop.example%2F`,
    );
    await server.sendBulk(entries);
  }
}

test('the header fits with five-digit counts, a failed request and hits only on disk', async ({
  app,
  server,
}) => {
  await server.api('PUT', '/api/settings', { maxHits: 100 });
  try {
    await sendPageViews(server, 10_000);
    await server.sendHit(pageView('Broken', { cid: 'abc' }));
    // A URL over the 8,192-byte limit: refused, counted as a failed request.
    await server.sendHit(pageView('Long', { url: `https://shop.example/?q=${'a'.repeat(9000)}` }));
    const hits = new HitsPage(app);
    await expect(hits.summaryCount('hits')).toHaveText('10,001');
    await expect(hits.summaryCount('failed')).toHaveText('1');
    await expect(hits.summaryCount('on-disk')).not.toHaveText('');

    const header = app.locator('.app-header');
    const headerBox = (await header.boundingBox())!;
    // Nothing pushed out of the window, nothing drawn over a neighbour.
    const parts = await header.evaluate((element) =>
      [...element.children]
        .filter((child) => child.getBoundingClientRect().width > 0)
        .map((child) => {
          const box = child.getBoundingClientRect();
          // A part squeezed below its content lets the content spill under its neighbour.
          const spills = child.scrollWidth > child.clientWidth + 1;
          return { name: child.className, left: box.left, right: box.right, spills };
        }),
    );
    for (const [i, part] of parts.entries()) {
      expect(part.right, part.name).toBeLessThanOrEqual(headerBox.x + headerBox.width);
      expect(part.spills, `${part.name} spills over`).toBe(false);
      const next = parts[i + 1];
      if (next) expect(part.right, `${part.name} | ${next.name}`).toBeLessThanOrEqual(next.left);
    }
    const url = app.getByTestId('tracker-url');
    await expect(url).toHaveText(server.trackerUrl);
    expect(await url.evaluate((element) => element.scrollWidth > element.clientWidth)).toBe(false);

    // The counts that say what Matomo would do are shown whole; the rest are in the tooltip.
    const counts = app.getByTestId('summary-counts');
    const countsBox = (await counts.boundingBox())!;
    for (const name of ['hits', 'recorded', 'excluded', 'rejected', 'failed']) {
      const box = (await counts.locator(`[data-count="${name}"]`).boundingBox())!;
      expect(box.x, name).toBeGreaterThanOrEqual(countsBox.x);
      expect(box.y + box.height, name).toBeLessThanOrEqual(countsBox.y + countsBox.height);
    }
    await expect(counts).toHaveAttribute('title', /\d+ requests · 10,001 hits/);
    await expect(counts).toHaveAttribute('title', /only on disk/);
  } finally {
    await server.api('PUT', '/api/settings', { maxHits: 100_000 });
  }
});

test('the inspector’s Resend… opens where its buttons fit in the window', async ({
  app,
  server,
}) => {
  const hits = new HitsPage(app);
  // An order: its verdict takes two lines, which puts Resend… low in the window.
  await server.sendHit(
    pageView('Checkout', {
      idgoal: '0',
      ec_id: 'A-1042',
      revenue: '249.80',
      ec_items: JSON.stringify([['SKU-1', 'Running shoes', 'Shoes', 249.8, 1]]),
    }),
  );
  await hits.row('A-1042').click();
  await hits.inspector.getByRole('button', { name: 'Resend…' }).click();
  const popover = app.getByRole('dialog', { name: /^Resend/ });
  await expect(popover).toBeVisible();
  const box = (await popover.boundingBox())!;
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height).toBeLessThanOrEqual(640);
  // Sent with the mouse, where Playwright would refuse a button it cannot reach.
  await popover.getByRole('button', { name: 'Resend', exact: true }).click({ trial: true });
  await popover.getByRole('button', { name: 'Cancel' }).click();
  await expect(popover).toHaveCount(0);
});
