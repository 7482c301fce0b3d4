// axe on each main view, with content in it: no violation of any impact, minor ones included.
// The rules are axe's defaults (WCAG 2.x A/AA and best practices); a violation fails with its
// rule, its impact and the elements it was found on.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from '../support/fixtures';
import { HitsPage } from '../support/hits-page';
import { pageView } from '../support/page-view';
import { expectAxeContrastPasses } from './contrast';

async function expectNoViolations(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const found = results.violations.map(
    (v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(found, what).toEqual([]);
}

/**
 * Search matches inside red or amber text keep a colour of their own (not the one of a match in
 * plain text), so they still read as an error or a warning, and pass axe's contrast check.
 */
async function expectColouredMarks(page: Page, inColour: string, inPlain: string): Promise<void> {
  const colour = (selector: string) =>
    page
      .locator(selector)
      .first()
      .evaluate((mark) => getComputedStyle(mark).color);
  expect(await colour(inColour)).not.toBe(await colour(inPlain));
  await expectAxeContrastPasses(page, inColour);
}

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`${scheme} theme`, () => {
    test.use({ colorScheme: scheme });

    test('the hits view with a bulk group and a selected hit', async ({ app, server }) => {
      const hits = new HitsPage(app);
      await server.sendHit(pageView('Home'));
      // Its cid is short: "bad" is in its summary and in its issue's note both.
      await server.sendHit(pageView('Bad visitor', { cid: 'bad' }));
      await server.sendBulk(['?idsite=1&rec=1&action_name=One', '?idsite=1&rec=1&action_name=Two']);
      await hits.expectRowCount(4);
      await hits.row('Bad visitor').click();
      await expect(hits.verdict).toBeVisible();
      await expectNoViolations(app, 'hits view');
      await hits.searchFor('type:event');
      await expectNoViolations(app, 'hits view under a search');
      // Search marks sit on the selected row, the verdict, the issue notes and the values.
      await hits.searchFor('bad');
      await hits.row('Bad visitor').click();
      await expect(hits.verdict.locator('mark.hl')).toHaveText('Bad');
      await expect(hits.inspector.locator('.issue-message mark.hl')).toHaveText('bad');
      await expectNoViolations(app, 'search marks in the table and the inspector');
      await expectColouredMarks(app, '.param-note.error mark.hl', '.issue-message mark.hl');
    });

    test('a selected hit with a warning', async ({ app, server }) => {
      // The warning count sits on the selected row's strongest background.
      const hits = new HitsPage(app);
      await server.sendHit('idsite=1&rec=1&action_name=No%20address&res=oddsize');
      await hits.expectRowCount(1);
      await hits.row('No address').click();
      await expect(hits.verdict).toBeVisible();
      await expectNoViolations(app, 'selected hit with a warning');
      // The value "oddsize" is marked in its cell and in the amber note of its warning.
      await hits.searchFor('oddsize');
      await hits.row('No address').click();
      await expect(hits.inspector.locator('.param-note.warning mark.hl')).toHaveCount(2);
      await expectColouredMarks(app, '.param-note.warning mark.hl', '.param-raw mark.hl');
    });

    test('the inspector of a hit with a cut value', async ({ app, server }) => {
      const hits = new HitsPage(app);
      await server.api('PUT', '/api/settings', { limits: { maxParamValueLength: 1024 * 1024 } });
      await server.sendHit(
        `idsite=1&rec=1&action_name=Long&url=https://shop.example/&x=${'v'.repeat(200 * 1024)}`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        },
      );
      await hits.row('Long').click();
      await expect(hits.inspector.getByTestId('cut-notice')).toBeVisible();
      await expectNoViolations(app, 'decoded view of a cut value');
      await hits.inspector.getByRole('tab', { name: 'Raw request' }).click();
      await expect(hits.inspector.getByTestId('cut-notice')).toBeVisible();
      await expectNoViolations(app, 'raw request of a cut body');
    });

    test('the Plan panel of a run', async ({ app, server }) => {
      const plan =
        'expectations:\n  - name: Home\n    match: type:pageview\n  - name: Video\n    match: type:event e_c:Video\n';
      const run = `a11y-${scheme}`;
      await server.api('POST', '/api/runs', { id: run, plan });
      await server.sendHit(pageView('Home'), { path: `/run/${run}/matomo.php` });
      await app.getByRole('combobox', { name: 'Run' }).selectOption(run);
      await expect(app.getByRole('list', { name: `Expectations of run ${run}` })).toBeVisible();
      await expectNoViolations(app, 'plan panel');
    });

    test('the empty hits view', async ({ app }) => {
      await expect(app.getByTestId('empty-state')).toBeVisible();
      await expectNoViolations(app, 'empty state');
    });

    for (const tab of ['Compose', 'Bulk', 'History']) {
      test(`the ${tab} view`, async ({ app }) => {
        await app.getByRole('tab', { name: tab }).click();
        await expect(app.getByRole('tab', { name: tab })).toHaveAttribute('aria-selected', 'true');
        await expectNoViolations(app, tab);
      });
    }

    test('the Visits view with a visit and its timeline', async ({ app, server }) => {
      await server.sendHit(pageView('Home', { url: 'https://shop.example/?mtm_campaign=spring' }));
      await server.sendHit(pageView('Shoes'));
      await server.sendHit({
        ...pageView('Order'),
        idgoal: '0',
        ec_id: 'A1',
        revenue: '99',
        ec_items: JSON.stringify([['S', 'Shoe', '', 10, 1]]),
      });
      await server.waitForHits(3);
      await app.getByRole('tab', { name: 'Visits' }).click();
      await expect(app.getByRole('region', { name: 'Visit' })).toBeVisible();
      await expect(app.locator('.visit-action')).toHaveCount(3);
      await expectNoViolations(app, 'visits view');
    });

    test('the settings dialog and the log pane', async ({ app }) => {
      await app.getByRole('button', { name: 'Log' }).click();
      await app.getByRole('button', { name: 'Settings' }).click();
      await expect(app.getByRole('dialog')).toBeVisible();
      // A site profile with its visit rules and a goal rule.
      await app.getByRole('button', { name: 'Add site profile' }).click();
      await app.getByRole('button', { name: 'Add goal' }).click();
      await app.getByLabel('Visit length (seconds)').fill('x');
      await app.getByLabel('Time zone').fill('Mars/Olympus');
      await expectNoViolations(app, 'settings');
    });

    test.describe('in a 1024×640 window', () => {
      // The header drops words there: what it keeps must still be named properly.
      test.use({ viewport: { width: 1024, height: 640 } });

      test('the hits view with a selected hit', async ({ app, server }) => {
        const hits = new HitsPage(app);
        await server.sendHit(pageView('Home'));
        await hits.expectRowCount(1);
        await hits.row('Home').click();
        await expect(hits.verdict).toBeVisible();
        await expectNoViolations(app, 'small window');
      });
    });
  });
}
