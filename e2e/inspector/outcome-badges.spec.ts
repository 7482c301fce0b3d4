// The Outcome column at 1280×800 and 1024×640: the outcome badge is never cut ("exc…") and
// nothing spills into the next column, also with error and warning counts beside it.
import { expect, test } from '../support/fixtures';
import { HitsPage } from '../support/hits-page';
import { pageView } from '../support/page-view';

const BOT = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';

for (const viewport of [
  { width: 1280, height: 800 },
  { width: 1024, height: 640 },
]) {
  test.describe(`at ${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport });

    test('badges keep their word and stay in their cell', async ({ app, server }) => {
      const hits = new HitsPage(app);
      // Rejected with errors and warnings; excluded (a bot) with warnings too.
      await server.sendHit(pageView('Bad', { idsite: '0', h: '99', m: '99', uid: '' }));
      await server.sendHit(pageView('Bot', { h: '99', m: '99' }), {
        headers: { 'user-agent': BOT },
      });
      await hits.expectRowCount(2);
      const cells = hits.grid.locator('.hit-row .col-outcome');
      await expect(cells).toHaveCount(2);
      const report = await cells.evaluateAll((elements) =>
        elements.map((cell) => {
          const badge = cell.querySelector('.badge')!;
          const outcome = cell.querySelector('.outcome')!;
          const cellBox = cell.getBoundingClientRect();
          const box = outcome.getBoundingClientRect();
          return {
            word: badge.textContent,
            cut: badge.scrollWidth > badge.clientWidth,
            spills: box.right > cellBox.right + 0.5,
            counts: cell.querySelector('.outcome-counts')?.getAttribute('aria-label') ?? '',
          };
        }),
      );
      expect(report.map((item) => item.word).sort()).toEqual(['excluded', 'rejected']);
      for (const item of report) {
        expect(item.cut, item.word ?? '').toBe(false);
        expect(item.spills, item.word ?? '').toBe(false);
        expect(item.counts).toMatch(/warning/);
      }
      await app.screenshot({
        path: `test-results/outcome-badges-${viewport.width}.png`,
      });
    });
  });
}
