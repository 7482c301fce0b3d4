// The README screenshot: the main screen with a realistic mix of hits (page views, events,
// a bulk request, a rejected and an excluded hit), a rejected hit selected.
import { fileURLToPath } from 'node:url';
import { expect, test } from '../support/fixtures';
import { HitsPage } from '../support/hits-page';

const OUT = fileURLToPath(new URL('../../docs/screenshot.png', import.meta.url));
const OUT_DARK = fileURLToPath(new URL('../../docs/screenshot-dark.png', import.meta.url));
const VISITOR = '5a2b3c4d5e6f7a8b';
const UA =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';

const base = (extra: Record<string, string>) => ({
  idsite: '1',
  rec: '1',
  _id: VISITOR,
  res: '1920x1080',
  send_image: '0',
  ...extra,
});

test('main screen screenshot', async ({ app, server }) => {
  const hits = new HitsPage(app);
  const headers = { 'user-agent': UA };
  await server.sendHit(
    base({ action_name: 'Home', url: 'https://shop.example/', urlref: 'https://www.google.com/' }),
    { headers },
  );
  await server.sendHit(
    base({ action_name: 'Running shoes', url: 'https://shop.example/shoes/running?color=blue' }),
    { headers, method: 'POST' },
  );
  await server.sendHit(
    base({
      e_c: 'Video',
      e_a: 'Play',
      e_n: 'Product tour',
      e_v: '12.5',
      ca: '1',
      url: 'https://shop.example/tour',
    }),
    { headers },
  );
  await server.sendHit(
    base({
      search: 'trail shoes',
      search_count: '14',
      url: 'https://shop.example/search?q=trail+shoes',
    }),
    { headers },
  );
  await server.sendBulk(
    [
      `?idsite=1&rec=1&_id=${VISITOR}&c_n=Summer%20banner&c_p=banner.jpg&ca=1&url=https://shop.example/`,
      `?idsite=1&rec=1&_id=${VISITOR}&link=https://partner.example/deal&url=https://shop.example/`,
      `?idsite=1&rec=1&_id=${VISITOR}&download=https://shop.example/catalogue.pdf&url=https://shop.example/`,
    ],
    { send_image: 0 },
  );
  await server.sendHit(
    base({
      idgoal: '0',
      ec_id: 'A-1042',
      revenue: '129.90',
      ec_items: JSON.stringify([['SKU-1', 'Running shoes', 'Shoes', 119.9, 1]]),
      url: 'https://shop.example/checkout/done',
    }),
    { headers },
  );
  const { rec: _rec, ...withoutRec } = base({
    action_name: 'Cart',
    url: 'https://shop.example/cart',
  });
  await server.sendHit(withoutRec, { headers });
  await server.sendHit(
    base({
      action_name: 'Account',
      url: 'https://shop.example/account',
      cid: '12345',
    }),
    { headers },
  );
  await server.sendHit(
    base({
      e_c: 'Newsletter',
      e_a: 'Subscribe',
      dimension1: 'premium',
      url: 'https://shop.example/',
    }),
    { headers },
  );
  await hits.expectRowCount(11);
  await hits.row('Account').click();
  await expect(hits.verdict).toContainText('reject');
  await app.waitForTimeout(300);
  await app.emulateMedia({ colorScheme: 'light' });
  await app.screenshot({ path: OUT });
  await app.emulateMedia({ colorScheme: 'dark' });
  await app.screenshot({ path: OUT_DARK });
});
