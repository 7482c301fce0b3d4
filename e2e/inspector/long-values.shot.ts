// Screenshots of the inspector on a hit with cut values (test-results/long-values-*.png): the
// decoded view at 1280×800 and 1024×640, the raw request, and both in the dark theme.
import { expect, test } from '../support/fixtures';
import { HitsPage } from '../support/hits-page';

test('long values screenshots', async ({ app, server }) => {
  await server.api('PUT', '/api/settings', { limits: { maxParamValueLength: 16 * 1024 * 1024 } });
  const big = encodeURIComponent(`é${'v'.repeat(8 * 1024 * 1024)}`);
  await server.sendHit(
    `idsite=1&rec=1&action_name=Long%20value&url=https://shop.example/&x=${big}`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    },
  );
  const hits = new HitsPage(app);
  await hits.row('Long value').click();
  const notice = hits.inspector.getByRole('group', { name: 'Long value of x' });
  await expect(notice).toBeVisible();
  for (const scheme of ['light', 'dark'] as const) {
    await app.emulateMedia({ colorScheme: scheme });
    for (const [width, height] of [
      [1280, 800],
      [1024, 640],
    ] as const) {
      await app.setViewportSize({ width, height });
      await hits.inspector.getByRole('tab', { name: 'Decoded' }).click();
      await notice.scrollIntoViewIfNeeded();
      await app.screenshot({ path: `test-results/long-values-${scheme}-${width}.png` });
      await hits.inspector.getByRole('tab', { name: 'Raw request' }).click();
      await hits.inspector.getByRole('group', { name: 'Long body' }).scrollIntoViewIfNeeded();
      await app.screenshot({ path: `test-results/long-values-raw-${scheme}-${width}.png` });
    }
  }
});
