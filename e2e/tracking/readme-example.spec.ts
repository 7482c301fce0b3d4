import { test, expect } from 'hitscope/playwright';
import { openShop } from './shop-page';

test('playing the intro video is tracked', async ({ page, hitscope }) => {
  await openShop(page, 'readme');
  await expect(hitscope).toHaveReceived({ type: 'pageview', action_name: 'Home' });

  await page.getByRole('button', { name: 'Play video' }).click();
  await expect(hitscope).toHaveReceived({ type: 'event', e_c: 'Video', e_a: 'Play' });
  await expect(hitscope).toHaveReceivedTimes(1, { type: 'event', e_c: 'Video' });
  await expect(hitscope).toHaveNoIssues({ severity: 'warning' });
});
