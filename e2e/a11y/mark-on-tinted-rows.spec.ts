// A search match inside a parameter row with the amber background of a warning or the red one
// of an error: the highlight is about as pale as those backgrounds, so the mark must set itself
// apart from the row by its background or by an edge of its own, and its text keep axe's
// contrast.
import type { Locator, Page } from '@playwright/test';
import { expect, test } from '../support/fixtures';
import { HitsPage } from '../support/hits-page';
import { pageView } from '../support/page-view';
import { colourContrast, expectAxeContrastPasses } from './contrast';

/** How a mark and the row around it are painted. */
interface Painted {
  row: string;
  mark: string;
  /** The colour of the mark's edge (outline or box shadow), or null without one. */
  edge: string | null;
}

function painted(mark: Locator, row: string): Promise<Painted> {
  return mark.evaluate((node, rowSelector) => {
    const style = getComputedStyle(node);
    const shadow = style.boxShadow === 'none' ? null : style.boxShadow;
    const outline =
      style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0
        ? style.outlineColor
        : null;
    return {
      row: getComputedStyle(node.closest(rowSelector)!).backgroundColor,
      mark: style.backgroundColor,
      edge: outline ?? (shadow && /rgba?\([^)]*\)/.exec(shadow)?.[0]) ?? null,
    };
  }, row);
}

/** The mark stands apart from its row, and its text passes axe's contrast check. */
async function expectMarkApart(page: Page, row: string): Promise<void> {
  const mark = page.locator(`${row} mark.hl`).first();
  await mark.scrollIntoViewIfNeeded();
  const { row: rowBg, mark: markBg, edge } = await painted(mark, row);
  const apart =
    colourContrast(markBg, rowBg) >= 1.5 ||
    (edge !== null && colourContrast(edge, rowBg) >= 3 && colourContrast(edge, markBg) >= 3);
  expect(apart, `mark ${markBg} (edge ${edge}) on row ${rowBg}`).toBe(true);
  await expectAxeContrastPasses(page, `${row} mark.hl`);
}

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`${scheme} theme`, () => {
    test.use({ colorScheme: scheme });

    test('a match in a warning row stands apart from the amber', async ({ app, server }) => {
      const hits = new HitsPage(app);
      await server.sendHit('idsite=1&rec=1&action_name=Odd&res=oddsize');
      await hits.expectRowCount(1);
      await hits.searchFor('oddsize');
      await hits.row('Odd').click();
      await expect(hits.inspector.locator('.param-row.has-warning mark.hl').first()).toBeVisible();
      await expectMarkApart(app, '.param-row.has-warning');
    });

    test('a match in an error row stands apart from the red', async ({ app, server }) => {
      const hits = new HitsPage(app);
      await server.sendHit(pageView('Bad visitor', { cid: 'bad' }));
      await hits.expectRowCount(1);
      await hits.searchFor('bad');
      await hits.row('Bad visitor').click();
      await expect(hits.inspector.locator('.param-row.has-error mark.hl').first()).toBeVisible();
      await expectMarkApart(app, '.param-row.has-error');
    });
  });
}
