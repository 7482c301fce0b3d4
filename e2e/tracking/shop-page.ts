// Serves the example shop (shop-page.html) at a production-looking address: the page and
// its tracker URL look like a real site's, and no request ever leaves the machine.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';

export const SHOP_URL = 'https://shop.example/';
const html = readFileSync(new URL('./shop-page.html', import.meta.url), 'utf8');

/** Opens the shop; `marker` is sent with every hit, so a test can tell its hits apart. */
export async function openShop(page: Page, marker: string): Promise<void> {
  await page.route(`${SHOP_URL}**`, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
  );
  await page.goto(`${SHOP_URL}?marker=${encodeURIComponent(marker)}`);
}
