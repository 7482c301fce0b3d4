import { expect, test } from '../support/fixtures';
import { HitsPage } from '../support/hits-page';
import { pageView } from '../support/page-view';

test('hits sent over HTTP appear live, with their summary and counts', async ({ app, server }) => {
  const hits = new HitsPage(app);
  await expect(app.getByTestId('empty-state')).toBeVisible();
  await server.sendHit(pageView('Home'));
  await server.sendHit(pageView('Pricing'), { method: 'POST' });
  await hits.expectRowCount(2);
  await expect(hits.row('Pricing')).toContainText('POST');
  await expect(hits.row('Home')).toContainText('/home');
  await expect(hits.row('Home')).toContainText('recorded');
  await expect(hits.summaryCount('hits')).toHaveText('2');
  // Newest on top by default.
  await expect(hits.rows.first()).toContainText('Pricing');
});

test('a bulk request shows as one group with its answer', async ({ app, server }) => {
  const hits = new HitsPage(app);
  const answer = await server.sendBulk([
    '?idsite=1&rec=1&action_name=Bulk%20one&url=https://shop.example/a',
    '?idsite=1&rec=1&action_name=Bulk%20two&url=https://shop.example/b',
    '?idsite=1&rec=1&e_c=Video&e_a=Play&url=https://shop.example/c',
  ]);
  expect(answer.status).toBe(200);
  await expect(hits.groups).toHaveCount(1);
  const group = hits.groups.first();
  await expect(group).toContainText('3 hits');
  await expect(group).toContainText('"tracked":3');
  await hits.expectRowCount(3);
  await expect(hits.row('Bulk two')).toContainText('bulk #2');
  await expect(hits.row('Bulk two').locator('.transport')).toHaveAttribute('title', 'bulk 2 of 3');
  // Loaded from the API after a reload, the group fetches its request for the answer.
  await app.reload();
  await expect(app.locator('[data-ready="true"]')).toBeVisible();
  await expect(hits.groups.first()).toContainText('"tracked":3');
  await group.getByRole('button', { name: 'Collapse bulk request' }).click();
  await hits.expectRowCount(0);
  await expect(group.getByRole('button', { name: 'Expand bulk request' })).toHaveAttribute(
    'aria-expanded',
    'false',
  );
});

test('selecting a rejected hit shows the verdict, the issue and its parameter', async ({
  app,
  server,
}) => {
  const hits = new HitsPage(app);
  await server.sendHit(pageView('Good'));
  await server.sendHit(pageView('Bad visitor', { cid: 'abc' }));
  await hits.row('Bad visitor').click();
  await expect(hits.row('Bad visitor')).toHaveAttribute('aria-selected', 'true');
  await expect(hits.verdict).toContainText(/Matomo would reject this .* \(400\)/);
  const issue = hits.inspector.getByRole('button', { name: /cid\.length/ });
  await expect(issue).toBeVisible();
  const cidRow = hits.inspector.locator('[data-param="cid"]');
  await expect(cidRow).toHaveAttribute('data-severity', 'error');
  await issue.click();
  await expect(cidRow).toHaveAttribute('aria-current', 'true');
  await expect(cidRow).toBeInViewport();
});

test('filters and search narrow the rows and say what matched', async ({ app, server }) => {
  const hits = new HitsPage(app);
  await server.sendHit(pageView('Landing'));
  await server.sendHit({ idsite: '3', rec: '1', e_c: 'Video', e_a: 'Play', e_n: 'Intro' });
  await server.sendHit({ idsite: '3', rec: '1', e_c: 'Audio', e_a: 'Play' });
  await server.sendHit(pageView('Broken', { cid: 'abc' }));
  await hits.expectRowCount(4);

  await hits.searchFor('type:event e_c:Video idsite:3');
  await hits.expectRowCount(1);
  await expect(hits.rows.first()).toContainText('Video');
  await expect(hits.explanation).toContainText('Showing 1 of 4 hits');
  await expect(hits.explanation).toContainText('e_c contains "Video"');
  await expect(hits.rows.first().locator('mark.hl').first()).toHaveText(/video/i);

  await hits.searchFor('"landing"');
  await hits.expectRowCount(1);

  await hits.searchFor('');
  await hits.expectRowCount(4);
  await hits.quickFilter('rejected').click();
  await hits.expectRowCount(1);
  await expect(hits.rows.first()).toContainText('Broken');
  await app.getByRole('button', { name: 'Clear filters' }).click();
  await hits.expectRowCount(4);
});

test('autocomplete completes field names and values', async ({ app, server }) => {
  const hits = new HitsPage(app);
  await server.sendHit({ idsite: '1', rec: '1', e_c: 'Video', e_a: 'Play' });
  await hits.expectRowCount(1);
  await hits.search.click();
  await hits.search.pressSequentially('outc');
  await expect(app.getByRole('option', { name: /outcome:/ })).toBeVisible();
  await hits.search.press('Enter');
  await expect(hits.search).toHaveValue('outcome:');
  await hits.search.pressSequentially('rec');
  await hits.search.press('ArrowRight');
  await expect(hits.search).toHaveValue('outcome:recorded ');
  // Tab leaves the box (no keyboard trap) and accepts nothing.
  await hits.search.pressSequentially('ty');
  await hits.search.press('Tab');
  await expect(hits.search).not.toBeFocused();
  await expect(hits.search).toHaveValue('outcome:recorded ty');
});

test('pause buffers new hits and resume shows them', async ({ app, server }) => {
  const hits = new HitsPage(app);
  await server.sendHit(pageView('Before pause'));
  await hits.expectRowCount(1);
  await app.getByTestId('pause').click();
  await server.sendHit(pageView('While paused one'));
  await server.sendHit(pageView('While paused two'));
  await expect(app.getByTestId('resume')).toContainText('2 new');
  await hits.expectRowCount(1);
  await app.getByTestId('resume').click();
  await hits.expectRowCount(3);
  await expect(hits.row('While paused two')).toBeVisible();
});

test('clear empties the table and the server after confirmation', async ({ app, server }) => {
  const hits = new HitsPage(app);
  await server.sendHit(pageView('One'));
  await server.sendHit(pageView('Two'));
  await hits.expectRowCount(2);
  await app.getByRole('button', { name: 'Clear…' }).click();
  await app.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  await hits.expectRowCount(2);
  await app.getByRole('button', { name: 'Clear…' }).click();
  await app.getByTestId('confirm-clear').click();
  await expect(app.getByTestId('empty-state')).toBeVisible();
  expect((await server.summary()).hits).toBe(0);
});

test('keyboard: arrows move, Enter opens the inspector, / focuses search, Esc clears', async ({
  app,
  server,
}) => {
  const hits = new HitsPage(app);
  await server.sendHit(pageView('First'));
  await server.sendHit(pageView('Second'));
  await hits.expectRowCount(2);
  await hits.grid.focus();
  await app.keyboard.press('ArrowDown');
  await expect(hits.rows.first()).toHaveAttribute('aria-selected', 'true');
  await app.keyboard.press('ArrowDown');
  await expect(hits.row('First')).toHaveAttribute('aria-selected', 'true');
  await expect(hits.verdict).toContainText('record this page view');
  await app.keyboard.press('Enter');
  await expect(hits.inspector).toBeFocused();
  await app.keyboard.press('/');
  await expect(hits.search).toBeFocused();
  await app.keyboard.type('zzz-nothing');
  await hits.expectRowCount(0);
  await app.keyboard.press('Escape');
  await expect(hits.search).toHaveValue('');
  await hits.expectRowCount(2);
});

test('rows in view stay put while new hits arrive above them', async ({ app, server }) => {
  const hits = new HitsPage(app);
  for (let i = 0; i < 40; i++) await server.sendHit(pageView(`Page ${i}`));
  await expect(app.getByTestId('row-count')).toHaveText('40 hits');
  await hits.grid.hover();
  await app.mouse.wheel(0, 300);
  await expect(app.getByRole('button', { name: 'Follow newest' })).toHaveAttribute(
    'aria-pressed',
    'false',
  );
  const target = hits.row('Page 20');
  const before = await target.boundingBox();
  for (let i = 40; i < 45; i++) await server.sendHit(pageView(`Page ${i}`));
  await expect(app.getByTestId('row-count')).toHaveText('45 hits');
  expect(await target.boundingBox()).toEqual(before);
  await app.getByRole('button', { name: 'Follow newest' }).click();
  await expect(hits.rows.first()).toContainText('Page 44');
  await expect(hits.rows.first()).toBeInViewport();
});

test.describe('when the server restarts', () => {
  // While the server is down the browser reports the refused stream connection.
  test.use({ allowedConsoleErrors: [/ERR_CONNECTION_REFUSED|Failed to load resource/] });

  test('the UI says it is disconnected, reconnects, and keeps the stored hits', async ({
    app,
    server,
  }) => {
    const hits = new HitsPage(app);
    const status = app.getByTestId('connection-status');
    await server.sendHit(pageView('Before restart'));
    await hits.expectRowCount(1);
    await expect(status).toHaveAttribute('data-status', 'open');
    await server.restart(async () => {
      await expect(status).toContainText('Disconnected — retrying in');
      await expect(status.getByRole('button', { name: 'Retry now' })).toBeVisible();
    });
    await expect(status).toHaveAttribute('data-status', 'open', { timeout: 20_000 });
    await server.sendHit(pageView('After restart'));
    await hits.expectRowCount(2);
    await expect(hits.row('Before restart')).toBeVisible();
  });
});
