// A shop site profile with a goal, and hits from one visitor on one browser: what the Visits
// specs and screenshots send.
import { sameDaySpanStart } from '../../test-support/same-day';
import type { ServerFixture } from './fixtures';

export const VISITOR = '0123456789abcdef';
const UA = 'Mozilla/5.0 (X11; Linux x86_64; rv:131.0) Gecko/20100101 Firefox/131.0';

export const SHOP_WITH_GOAL = {
  idsite: 1,
  name: 'Shop',
  urls: ['https://shop.example'],
  goals: [],
  dimensions: [],
  siteSearch: true,
  tokens: [],
  goalDefinitions: [
    {
      idgoal: 1,
      name: 'Order page',
      matchAttribute: 'url',
      pattern: '/checkout/success',
      patternType: 'contains',
      caseSensitive: true,
      revenue: 5,
    },
  ],
};

/** A sender of the visitor's hits on site 1 (same _id, browser and language each time). */
export function visitorHits(server: ServerFixture) {
  return (params: Record<string, string>) =>
    server.sendHit(
      { idsite: '1', rec: '1', _id: VISITOR, ...params },
      { headers: { 'user-agent': UA, 'accept-language': 'en' } },
    );
}

/** Two moments `minutesApart` apart on one day, the later a minute or more before now. */
export function sameDayMoments(minutesApart: number) {
  const earlier = sameDaySpanStart(minutesApart * 60);
  return { earlier, later: earlier + minutesApart * 60 };
}

/** An order of one item worth 10 sent with a revenue of 99. */
export const WRONG_REVENUE_ORDER = {
  idgoal: '0',
  ec_id: 'A1',
  revenue: '99',
  ec_items: JSON.stringify([['SKU-1', 'Shoe', '', 10, 1]]),
  url: 'https://shop.example/checkout/order',
};
