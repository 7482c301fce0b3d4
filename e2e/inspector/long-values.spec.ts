// A hit with values of megabytes: the inspector gets their beginning (docs/api.md, Long
// values), says how long they are, shows a value whole when that is reasonable, refuses (and
// says why) when it is not, and downloads any of them whole; all of it by keyboard too.
import { expect, test } from '../support/fixtures';
import { HitsPage } from '../support/hits-page';

const BIG = `é${'v'.repeat(3 * 1024 * 1024)}`;
const MEDIUM = 'w'.repeat(300 * 1024);

test('a cut value shows its size, shows whole on request and downloads', async ({
  app,
  server,
}) => {
  await server.api('PUT', '/api/settings', { limits: { maxParamValueLength: 16 * 1024 * 1024 } });
  await server.sendHit(
    `idsite=1&rec=1&action_name=Long&big=${encodeURIComponent(BIG)}&medium=${MEDIUM}`,
    { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
  );
  const hits = new HitsPage(app);
  await hits.expectRowCount(1);
  await hits.row('Long').click();

  const big = hits.inspector.getByRole('group', { name: 'Long value of big' });
  await expect(big).toContainText('3.0 MB, showing the first 64.0 KB.');
  await big.getByRole('button', { name: 'Show all of the value of big' }).click();
  await expect(big).toContainText('Too large to show here');
  const download = app.waitForEvent('download');
  await big.getByRole('link', { name: 'Download raw value of big' }).click();
  expect((await download).suggestedFilename()).toMatch(/^hit-.+-big\.txt$/);

  // By keyboard: the medium value is loaded and shown whole.
  const medium = hits.inspector.getByRole('group', { name: 'Long value of medium' });
  await expect(medium).toContainText('300.0 KB, showing the first 64.0 KB.');
  await medium.getByRole('button', { name: 'Show all of the value of medium' }).focus();
  await app.keyboard.press('Enter');
  await expect(medium).toContainText('Showing all 300.0 KB.');
  const whole = hits.inspector.getByTestId('whole-value');
  await expect(whole).toHaveCount(1);
  expect((await whole.innerText()).length).toBe(MEDIUM.length);

  // The request's body is cut too.
  await hits.inspector.getByRole('tab', { name: 'Raw request' }).click();
  const body = hits.inspector.getByRole('group', { name: 'Long body' });
  // Over the stored-body cap: the notice says what was stored of what arrived.
  await expect(body).toContainText(
    /^1\.0 MB stored of the 3\.\d MB received, showing the first 64\.0 KB\./,
  );
  await expect(body.getByRole('link', { name: 'Download raw body' })).toHaveAttribute(
    'href',
    /\/api\/requests\/[^/]+\/raw$/,
  );
});

test('a cut JSON value shows its first items, not an invalid value', async ({ app, server }) => {
  await server.api('PUT', '/api/settings', { limits: { maxParamValueLength: 16 * 1024 * 1024 } });
  const items = JSON.stringify(
    Array.from({ length: 2_000 }, (_, n) => [`SKU-${n}`, `Product ${n}`, 'Shoes', 10.5, 2]),
  );
  await server.sendHit(
    `idsite=1&rec=1&idgoal=0&ec_id=A1&revenue=42&ec_items=${encodeURIComponent(items)}`,
    { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
  );
  const hits = new HitsPage(app);
  await hits.expectRowCount(1);
  await hits.row('2000 items').click();
  await expect(hits.inspector.getByTestId('cut-decoded-note')).toContainText(
    /^Too long to decode here in full\. Showing the first [\d,]+ items, decoded from the first [\d,]+ of its 83,781 characters\./,
  );
  const decoded = hits.inspector.getByRole('region', { name: 'Beginning of ec_items, decoded' });
  await expect(decoded.getByRole('cell', { name: 'SKU-0', exact: true })).toBeVisible();
  await expect(hits.inspector).not.toContainText('(ignored)');
});
