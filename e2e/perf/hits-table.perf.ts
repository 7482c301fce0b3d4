// UI performance with 100,000 stored hits: time to the first rows, time until every hit
// is in the table, and filter times. Figures are printed, never asserted.
import { expect, test } from '../support/fixtures';
import { HitsPage } from '../support/hits-page';

const TOTAL = 100_000;
const PER_BULK = 1_000;

test.use({ viewport: { width: 1280, height: 720 } });

test('100,000 hits: first rows, full load, filtering', async ({ page, server }) => {
  test.setTimeout(15 * 60_000);
  await server.api('PUT', '/api/settings', { maxHits: TOTAL });
  const loadStart = Date.now();
  for (let sent = 0; sent < TOTAL; sent += PER_BULK) {
    const requests = Array.from({ length: PER_BULK }, (_, i) => {
      const n = sent + i;
      const kind = n % 10;
      if (kind < 6) {
        return `?idsite=${(n % 3) + 1}&rec=1&action_name=Page%20${n}&url=https://shop.example/p/${n}&_id=5a2b3c4d5e6f7a8b`;
      }
      if (kind < 9) {
        return `?idsite=${(n % 3) + 1}&rec=1&e_c=${kind === 6 ? 'Video' : 'Audio'}&e_a=Play&e_n=Clip%20${n}&ca=1&url=https://shop.example/v/${n}`;
      }
      return `?idsite=1&rec=1&cid=bad${n}&action_name=Broken%20${n}`;
    });
    const answer = await server.sendBulk(requests);
    expect(answer.status).toBe(200);
  }
  const ingestMs = Date.now() - loadStart;

  const hits = new HitsPage(page);
  const navStart = Date.now();
  await page.goto(await server.signInUrl());
  await expect(hits.rows.first()).toBeVisible({ timeout: 120_000 });
  const firstRowsMs = Date.now() - navStart;
  await expect(page.getByTestId('row-count')).toHaveText(/100,000 hits/, { timeout: 300_000 });
  const allLoadedMs = Date.now() - navStart;

  const filterTime = (query: string) =>
    page.evaluate(async (text) => {
      const grid = document.querySelector('[data-testid="hits-grid"]') as HTMLElement;
      const input = document.getElementById('hit-search') as HTMLInputElement;
      const before = grid.dataset.rowCount;
      const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
      const start = performance.now();
      setter?.call(input, text);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise<void>((resolve) => {
        const tick = () => {
          if (grid.dataset.rowCount !== before) resolve();
          else requestAnimationFrame(tick);
        };
        tick();
      });
      return { ms: performance.now() - start, rows: Number(grid.dataset.rowCount) };
    }, query);

  const figures = {
    ingestMs,
    firstRowsMs,
    allLoadedMs,
    filterTypeEvent: await filterTime('type:event'),
    filterParamVideo: await filterTime('e_c:Video'),
    filterFreeText: await filterTime('"clip 4242"'),
    filterCleared: await filterTime(''),
  };
  // Hit arrival to visible row: a tracking request sent, then polled for once a frame until
  // its row is in the table (newest on top, following).
  await page.getByTestId('hits-grid').evaluate((grid) => (grid.scrollTop = 0));
  const arrivals: number[] = [];
  for (let i = 0; i < 20; i++) {
    const name = `Arrival probe ${i}`;
    const seen = page.evaluate(
      (text) =>
        new Promise<number>((resolve) => {
          const tick = () => {
            const rows = document.querySelectorAll('[data-testid="hits-grid"] [role="row"]');
            if ([...rows].some((row) => row.textContent?.includes(text))) resolve(Date.now());
            else requestAnimationFrame(tick);
          };
          tick();
        }),
      name,
    );
    const sentAt = Date.now();
    await server.sendHit({
      idsite: '1',
      rec: '1',
      action_name: name,
      url: 'https://shop.example/a',
    });
    arrivals.push((await seen) - sentAt);
  }
  arrivals.sort((a, b) => a - b);
  const arrival = {
    arrivalMedianMs: arrivals[Math.floor(arrivals.length / 2)],
    arrivalP95Ms: arrivals[Math.ceil(arrivals.length * 0.95) - 1],
  };
  // Average frame time while scrolling: smoothly (120 px a frame) and jumping far.
  const scrollFrameMs = (step: number) =>
    page.evaluate(async (px) => {
      const grid = document.querySelector('[data-testid="hits-grid"]') as HTMLElement;
      grid.scrollTop = 0;
      await new Promise((resolve) => requestAnimationFrame(resolve));
      const start = performance.now();
      for (let i = 1; i <= 120; i++) {
        grid.scrollTop = i * px;
        await new Promise((resolve) => requestAnimationFrame(resolve));
      }
      return (performance.now() - start) / 120;
    }, step);
  const scrolling = {
    smoothScrollFrameMs: await scrollFrameMs(120),
    jumpScrollFrameMs: await scrollFrameMs(20_000),
  };
  console.log(JSON.stringify({ ...figures, ...arrival, ...scrolling }, null, 2));
});
