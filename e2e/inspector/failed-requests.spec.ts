import { expect, test } from '../support/fixtures';
import { HitsPage } from '../support/hits-page';

/** An 11 MiB form POST: over the default 10 MiB body cap, so the server refuses it (413). */
async function sendOversized(trackerUrl: string): Promise<number | string> {
  const body = `idsite=1&rec=1&action_name=Huge&x=${'a'.repeat(11 * 1024 * 1024)}`;
  try {
    const response = await fetch(trackerUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    await response.arrayBuffer();
    return response.status;
  } catch (error) {
    // The server may close the connection before the whole body is sent: that is fine.
    return (error as Error).message;
  }
}

test('a request refused as too large shows as a failed row with its explanation, also after a reload', async ({
  app,
  server,
}) => {
  const hits = new HitsPage(app);
  await server.sendHit({ idsite: '1', rec: '1', action_name: 'Before' });
  await hits.expectRowCount(1);
  const status = await sendOversized(server.trackerUrl);
  expect([413, 'fetch failed']).toContain(status);
  await server.sendHit({ idsite: '1', rec: '1', action_name: 'After' });

  const failed = hits.grid.getByTestId('failed-request');
  const message = /The request body is \d+ bytes; this server accepts at most 10485760 bytes/;
  await expect(failed).toHaveCount(1);
  await expect(failed).toContainText('413 failed');
  await expect(failed).toContainText('POST /matomo.php');
  await expect(failed).toContainText(message);
  // Between the hits it came between, and not counted as a hit.
  await hits.expectRowCount(2);
  await expect(app.getByTestId('row-count')).toHaveText('2 hits');
  const order = await hits.grid
    .locator('[role="row"][data-hit-id], [data-testid="failed-request"]')
    .allInnerTexts();
  expect(order.map((text) => (/After|Before/.exec(text) ?? ['failed'])[0])).toEqual([
    'After',
    'failed',
    'Before',
  ]);
  await expect(hits.summaryCount('failed')).toHaveText('1');

  await failed.click();
  await expect(failed).toHaveAttribute('aria-selected', 'true');
  const verdict = hits.inspector.getByTestId('failed-verdict');
  await expect(verdict).toContainText('Refused before analysis with 413');
  await expect(verdict).toContainText(message);
  await expect(verdict).toContainText('Split the hits into smaller requests');
  await expect(hits.inspector.getByTestId('raw-view')).toContainText('POST /matomo.php');
  await expect(hits.inspector.getByTestId('raw-view')).toContainText('content-length:11534');

  await app.reload();
  await expect(app.locator('[data-ready="true"]')).toBeVisible();
  await expect(failed).toHaveCount(1);
  await expect(failed).toContainText(message);
  await hits.expectRowCount(2);
  // The header count shows the failed requests alone.
  await hits.summaryCount('failed').getByRole('button').click();
  await hits.expectRowCount(0);
  await expect(failed).toHaveCount(1);
  await failed.click();
  await expect(hits.inspector.getByTestId('failed-verdict')).toContainText(message);
});
