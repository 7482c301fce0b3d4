// The issue reference: from an issue in the inspector, by keyboard alone, to the code's own
// explanation (meaning, fix, Matomo rule, Matomo's public page), checked with axe in both
// themes.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '../support/fixtures';
import { HitsPage } from '../support/hits-page';
import { pageView } from '../support/page-view';

test('an issue opens its code explanation, by keyboard, accessible in light and dark', async ({
  app,
  server,
}, testInfo) => {
  // axe runs over the whole reference (every code) in two themes.
  test.slow();
  const hits = new HitsPage(app);
  await server.sendHit(pageView('Bad visitor', { cid: 'abc' }));
  await hits.row('Bad visitor').click();
  const explain = hits.inspector.getByRole('button', { name: 'Explain this issue code' });
  await expect(explain.first()).toBeVisible();
  await expect(hits.inspector).not.toContainText('§');

  await explain.first().focus();
  await app.keyboard.press('Enter');
  const dialog = app.getByRole('dialog', { name: 'Issue reference' });
  await expect(dialog).toBeVisible();
  const entry = dialog.locator('[aria-current="true"]');
  await expect(entry).toBeFocused();
  await expect(entry).toBeInViewport();
  await expect(entry).toContainText('cid.length');
  await expect(entry).toContainText('Matomo rule');
  await expect(entry.getByRole('link', { name: /Matomo Tracking HTTP API/ })).toHaveAttribute(
    'href',
    'https://developer.matomo.org/api-reference/tracking-api',
  );

  for (const colorScheme of ['light', 'dark'] as const) {
    await app.emulateMedia({ colorScheme });
    const results = await new AxeBuilder({ page: app }).include('[role="dialog"]').analyze();
    expect(
      results.violations.flatMap((v) =>
        v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} ${n.failureSummary ?? ''}`),
      ),
    ).toEqual([]);
    // HITSCOPE_SHOTS=1 keeps screenshots to look at, at the two window sizes the UI supports.
    for (const size of process.env.HITSCOPE_SHOTS
      ? [
          [1280, 800],
          [1024, 640],
        ]
      : []) {
      await app.setViewportSize({ width: size[0]!, height: size[1]! });
      const name = `issue-reference-${colorScheme}-${size[0]}x${size[1]}.png`;
      await app.screenshot({ path: testInfo.outputPath(name) });
    }
  }

  await app.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(explain.first()).toBeFocused();
});
