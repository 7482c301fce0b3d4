// How Matomo 5 reads the parameters whose content it stores: ecommerce items
// (core/Tracker/GoalManager.php, getCleanedEcommerceItems and getRevenue), custom variables
// (the CustomVariables plugin's request processor), revenue (the Ecommerce revenue columns),
// page URLs and titles (core/Tracker/PageUrl.php) and visitor ids. Expected values: __fixtures__/php/stored-values.json, made by running those methods
// with php-cli (scripts/oracle/stored-value-fixture.mjs). The answers are compared in the shape
// the oracle prints, through the same decoder the capture server uses.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { answer } from '../../scripts/oracle/hitscope-side';
import { decodeParam } from './decode';
import { phpRound } from './php-numbers';
import { visitorId } from './visitor';

type Cases = [string, unknown][];
const fixture = JSON.parse(
  readFileSync(new URL('./__fixtures__/php/stored-values.json', import.meta.url), 'utf8'),
) as {
  ecItems: Cases;
  customVariables: Cases;
  prices: Cases;
  revenues: Cases;
  urls: Cases;
  actionNames: Cases;
  visitorIds: Cases;
  eventValues: Cases;
  productPrices: Cases;
};

describe('ec_items as GoalManager keeps them', () => {
  // Shapes, PHP's string casts of numbers and booleans, trimming, entity decoding, items sent
  // as texts (read byte by byte), categories, and the casts of price and quantity.
  it.each(fixture.ecItems)('%s', (input, expected) => {
    expect(answer({ kind: 'ec_items', input }, 0)).toEqual(expected);
  });
});

describe('custom variables as the CustomVariables plugin keeps them', () => {
  // Slots read with PHP's (int), pairs of any scalars, trimming before the 200-character cut,
  // entity decoding, a slot sent twice.
  it.each(fixture.customVariables)('%s', (input, expected) => {
    expect(answer({ kind: 'custom_variables', name: '_cvar', input }, 0)).toEqual(expected);
    expect(answer({ kind: 'custom_variables', name: 'cvar', input }, 0)).toEqual(expected);
  });
});

describe('money rounded as PHP rounds it', () => {
  it.each(fixture.prices)('item price %j', (input, expected) => {
    expect(answer({ kind: 'price', input }, 0)).toBe(expected);
  });
  it.each(fixture.revenues)('revenue %j', (input, expected) => {
    expect(answer({ kind: 'revenue', input }, 0)).toBe(expected);
  });
  // plugins/Events/Actions/ActionEvent.php (getEventValue: the float trimmed, so made text) and
  // plugins/Ecommerce/Columns/ProductViewPrice.php (the float as sent, not rounded).
  it.each(fixture.eventValues)('e_v %j', (input, expected) => {
    expect(answer({ kind: 'event_value', input }, 0)).toBe(expected);
  });
  it.each(fixture.productPrices)('_pkp %j', (input, expected) => {
    expect(answer({ kind: 'product_price', input }, 0)).toBe(expected);
  });
  it('rounds halves away from zero after PHP’s pre-rounding', () => {
    // php: round(1.005, 2) is 1.01, round(-0.125, 2) is -0.13, round(2.675, 2) is 2.68.
    expect([phpRound(1.005, 2), phpRound(-0.125, 2), phpRound(2.675, 2)]).toEqual([
      1.01, -0.13, 2.68,
    ]);
  });
});

// core/Tracker/PageUrl.php (cleanupUrl, cleanupString, getUrlIfLookValid) and
// core/UrlHelper.php (isLookLikeUrl): PHP's trim, CR/LF/NUL removed, entities decoded, the cut.
describe('page URLs and titles as PageUrl cleans them', () => {
  it.each(fixture.urls)('url %j', (input, expected) => {
    expect(answer({ kind: 'url', input }, 0)).toBe(expected);
  });
  it.each(fixture.actionNames)('action_name %j', (input, expected) => {
    expect(answer({ kind: 'action_name', input }, 0)).toBe(expected);
  });
});

// core/Tracker/Request.php (getVisitorId): uid when PHP-truthy, a cid of 16 bytes, an _id of at
// least 16, each read sanitised; the first 16 bytes hex-decoded.
describe('visitor ids as Request::getVisitorId makes them', () => {
  it.each(fixture.visitorIds)('%s', (input, expected) => {
    expect(answer({ kind: 'visitor_id', input }, 0)).toEqual(expected);
  });
});

describe('what the hit shows', () => {
  it('shows the SKU Matomo stores, trimmed and with its entities decoded', () => {
    const items = decodeParam('ec_items', '[[" A&amp;B ","Name","Cat",10,1]]');
    expect(items.display).toBe('1 item: A&B × 1 @ 10');
  });
  it('shows an item sent as a number as the item Matomo records from it', () => {
    // php: GoalManager reads the string "5" by offsets, so its SKU is "5".
    expect(decodeParam('ec_items', '[5]').display).toBe('1 item: 5 × 1 @ 0');
  });
  it('groups visits by the visitor id Matomo takes', () => {
    // php: Request::getVisitorId. uid "0" is not truthy, so _id counts; texts are sanitised
    // first: uid "a&b" is hashed as "a&amp;b", and "&" in _id is 5 bytes of which "a" is hex.
    expect(visitorId({ uid: '0', _id: '1234567890ABCDEF' })?.id).toBe('1234567890abcdef');
    expect(visitorId({ uid: 'a&b' })?.id).toBe('c65ece81e2ec7260');
    expect(visitorId({ _id: '12345678&abcdef' })?.id).toBe('123456780a000abc');
  });
  it('shows custom variables trimmed, with a null value as empty', () => {
    const cvar = decodeParam('_cvar', '{"1":[" Plan "," pro "],"2":["Trial",null]}');
    expect(cvar.display).toBe('1: Plan = pro; 2: Trial = ');
  });
});
