// Cross-hit findings are issues in the Hits view too: the row's issue badge, "Only with
// issues" and the issue: term show an event whose pv_id matches no page view, a hit that was
// captured without an issue of its own.
import { expect, test } from './support/fixtures';
import { HitsPage } from './support/hits-page';
import { SHOP_WITH_GOAL, visitorHits } from './support/shop-visits';

test('cross-hit findings count as issues in the Hits view', async ({ app, server }) => {
  await server.api('PUT', '/api/settings', { sites: [SHOP_WITH_GOAL] });
  const send = visitorHits(server);
  const url = 'https://shop.example/shoes';
  await send({ action_name: 'Shoes', url, pv_id: 'aaaaaa' });
  await send({ e_c: 'Video', e_a: 'Play', url, pv_id: 'zzzzzz' });
  await server.waitForHits(2);

  const hits = new HitsPage(app);
  await hits.expectRowCount(2);
  const event = hits.row(/Video/);
  await expect(event.getByRole('img', { name: '1 warning' })).toBeVisible();
  await expect(hits.row(/Shoes/).getByRole('img')).toHaveCount(0);
  await app.getByRole('checkbox', { name: 'Only with issues' }).check();
  await hits.expectRowCount(1);
  await expect(hits.rows.first()).toContainText('Video');
  await app.getByRole('checkbox', { name: 'Only with issues' }).uncheck();
  await hits.searchFor('issue:pv_id.unmatched');
  await hits.expectRowCount(1);
  await expect(hits.rows.first()).toContainText('Video');
});
