import { describe, expect, it } from 'vitest';
import { findParamSpec } from './params';
import {
  buildFetchCall,
  hitAsPaqCalls,
  hitAsPhpTracker,
  type TrackerCallInput,
} from './tracker-calls';
import type { ParamValue } from './types';

const TRACKER = 'https://matomo.example/matomo.php';
const BOILERPLATE = { res: '1280x800', h: '10', m: '5', s: '9', r: '123456', pdf: '1', _idts: '1' };
const PAGE = { idsite: '1', rec: '1', url: 'https://shop.example/cart', ...BOILERPLATE };

/**
 * What js/piwik.js sends for the calls: each function writes its own parameters (logEvent,
 * logSiteSearch, logEcommerce, logGoal, …), getRequest adds the page, site, user and the
 * custom dimensions set so far. A model of the tracker's semantics for the calls produced.
 */
function runPaq(code: string): Record<string, string> {
  const sent: Record<string, string> = {};
  const context: Record<string, string> = { rec: '1' };
  const items: unknown[][] = [];
  const str = (value: unknown) => String(value);
  for (const line of code.split('\n')) {
    if (line.startsWith('//')) continue;
    const match = /^_paq\.push\((.*)\);$/.exec(line);
    if (!match) throw new Error(`not a _paq call: ${line}`);
    const [name, ...args] = JSON.parse(match[1]!) as [string, ...unknown[]];
    const request: Record<string, string> = {};
    switch (name) {
      case 'setSiteId':
        context.idsite = str(args[0]);
        continue;
      case 'setCustomUrl':
        context.url = str(args[0]);
        continue;
      case 'setReferrerUrl':
        context.urlref = str(args[0]);
        continue;
      case 'setUserId':
        context.uid = str(args[0]);
        continue;
      case 'setCustomDimension':
        context[`dimension${str(args[0])}`] = str(args[1]);
        continue;
      case 'addEcommerceItem':
        items.push([args[0], args[1] ?? '', args[2] ?? '', args[3] ?? 0, args[4] ?? 1]);
        continue;
      case 'trackPageView':
        if (args[0] !== undefined) request.action_name = str(args[0]);
        break;
      case 'trackEvent':
        Object.assign(request, { e_c: str(args[0]), e_a: str(args[1]), ca: '1' });
        if (args[2] !== undefined) request.e_n = str(args[2]);
        if (args[3] !== undefined) request.e_v = str(args[3]);
        break;
      case 'trackSiteSearch':
        request.search = str(args[0]);
        if (args[1]) request.search_cat = str(args[1]);
        if (args[2] !== undefined && args[2] !== false) request.search_count = str(args[2]);
        break;
      case 'trackEcommerceOrder': {
        const keys = ['ec_id', 'revenue', 'ec_st', 'ec_tx', 'ec_sh', 'ec_dt'];
        request.idgoal = '0';
        keys.forEach((key, i) => {
          if (args[i] !== undefined && str(args[i]).length > 0) request[key] = str(args[i]);
        });
        if (items.length > 0) request.ec_items = JSON.stringify(items);
        break;
      }
      default:
        throw new Error(`the model does not know ${name}`);
    }
    Object.assign(sent, context, request);
  }
  return sent;
}

/** The parameters of the hit that the page's code decides (the tracker adds the rest). */
function meaningful(params: Record<string, ParamValue>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(params)
      .filter(([name]) => findParamSpec(name)?.trackerSet !== true)
      .map(([name, value]) => [name, String(value)]),
  );
}

function hit(type: TrackerCallInput['type'], params: Record<string, string>): TrackerCallInput {
  return { type, params: { ...PAGE, ...params } };
}

const PAGE_VIEW = hit('pageview', { action_name: 'Cart – “ready”', uid: 'jane@example.org' });
const EVENT = hit('event', { e_c: 'Video', e_a: 'Play', e_n: 'Intro', e_v: '3.5', ca: '1' });
const SEARCH = hit('site_search', { search: 'red shoes', search_cat: 'Shoes', search_count: '0' });
const ORDER = hit('ecommerce_order', {
  idgoal: '0',
  ec_id: 'A-1001',
  revenue: '42.5',
  ec_st: '40',
  ec_tx: '2.5',
  ec_items: JSON.stringify([
    ['SKU-1', 'Red shoe', ['Shoes', 'Red'], 20, 2],
    ['SKU-2', "O'Neil cap", 'Caps', 0, 1],
  ]),
});
const DIMENSIONS = hit('pageview', { action_name: 'Home', dimension1: 'gold', dimension12: '' });

describe('copy as _paq.push', () => {
  it('writes a page view with its title, page URL and user', () => {
    expect(hitAsPaqCalls(PAGE_VIEW)).toBe(
      [
        '_paq.push(["setSiteId", "1"]);',
        '_paq.push(["setCustomUrl", "https://shop.example/cart"]);',
        '_paq.push(["setUserId", "jane@example.org"]);',
        '_paq.push(["trackPageView", "Cart – “ready”"]);',
      ].join('\n'),
    );
  });

  it('writes an event, a numeric value as a number', () => {
    expect(hitAsPaqCalls(EVENT).split('\n').at(-1)).toBe(
      '_paq.push(["trackEvent", "Video", "Play", "Intro", 3.5]);',
    );
  });

  it('writes a site search with its category and result count', () => {
    expect(hitAsPaqCalls(SEARCH).split('\n').at(-1)).toBe(
      '_paq.push(["trackSiteSearch", "red shoes", "Shoes", 0]);',
    );
  });

  it('writes an order as its items, then the order', () => {
    expect(hitAsPaqCalls(ORDER).split('\n').slice(2)).toEqual([
      '_paq.push(["addEcommerceItem", "SKU-1", "Red shoe", ["Shoes","Red"], 20, 2]);',
      '_paq.push(["addEcommerceItem", "SKU-2", "O\'Neil cap", "Caps", 0, 1]);',
      '_paq.push(["trackEcommerceOrder", "A-1001", 42.5, 40, 2.5]);',
    ]);
  });

  it('sets each custom dimension before the call', () => {
    expect(hitAsPaqCalls(DIMENSIONS).split('\n').slice(2)).toEqual([
      '_paq.push(["setCustomDimension", 1, "gold"]);',
      '_paq.push(["setCustomDimension", 12, ""]);',
      '_paq.push(["trackPageView", "Home"]);',
    ]);
  });

  it('run as the tracker runs them, the calls send the hit’s own parameters', () => {
    for (const input of [PAGE_VIEW, EVENT, SEARCH, ORDER, DIMENSIONS]) {
      expect(meaningful(runPaq(hitAsPaqCalls(input)))).toEqual(meaningful(input.params));
    }
  });

  it('keeps a value that is not a plain number as text, and names what it cannot set', () => {
    const odd = hit('event', { e_c: 'A', e_a: 'B', e_v: '1e3', _rcn: 'spring', cvar: '{}' });
    const code = hitAsPaqCalls(odd);
    expect(code).toContain('_paq.push(["trackEvent", "A", "B", "", "1e3"]);');
    expect(code.split('\n').at(-1)).toBe('// Not set by these calls: _rcn, cvar');
    expect(hitAsPaqCalls(hit('crash', {}))).toMatch(/^\/\/ The JavaScript tracker has no call/);
  });
});

describe('copy as PHP MatomoTracker', () => {
  it('writes the constructor, the headers that decide the outcome and the call', () => {
    expect(
      hitAsPhpTracker(ORDER, {
        trackerUrl: TRACKER,
        userAgent: 'Mozilla/5.0 Test',
        acceptLanguage: 'de-CH',
      }),
    ).toBe(
      [
        "$tracker = new MatomoTracker(1, 'https://matomo.example/matomo.php');",
        "$tracker->setUserAgent('Mozilla/5.0 Test');",
        "$tracker->setBrowserLanguage('de-CH');",
        "$tracker->setUrl('https://shop.example/cart');",
        "$tracker->addEcommerceItem('SKU-1', 'Red shoe', ['Shoes', 'Red'], 20, 2);",
        "$tracker->addEcommerceItem('SKU-2', 'O\\'Neil cap', 'Caps', 0, 1);",
        "$tracker->doTrackEcommerceOrder('A-1001', 42.5, 40, 2.5);",
      ].join('\n'),
    );
  });

  it('writes page views, events, searches and dimensions with their methods', () => {
    const lines = (input: TrackerCallInput) =>
      hitAsPhpTracker(input, { trackerUrl: TRACKER }).split('\n').slice(2);
    expect(lines(PAGE_VIEW)).toEqual([
      "$tracker->setUserId('jane@example.org');",
      "$tracker->doTrackPageView('Cart – “ready”');",
    ]);
    expect(lines(EVENT)).toEqual(["$tracker->doTrackEvent('Video', 'Play', 'Intro', 3.5);"]);
    expect(lines(SEARCH)).toEqual(["$tracker->doTrackSiteSearch('red shoes', 'Shoes', 0);"]);
    expect(lines(DIMENSIONS)).toEqual([
      "$tracker->setCustomDimension(1, 'gold');",
      "$tracker->setCustomDimension(12, '');",
      "$tracker->doTrackPageView('Home');",
    ]);
  });
});

describe('copy as fetch', () => {
  /** Runs the produced code with a fetch that records its arguments. */
  function run(code: string): { url: string; init?: RequestInit } {
    let call: { url: string; init?: RequestInit } | undefined;
    const fetch = (url: string, init?: RequestInit) => {
      call = { url, init };
    };
    new Function('fetch', code)(fetch);
    return call!;
  }

  it('a GET is the URL alone; a POST keeps its method, headers and body', () => {
    const url = `${TRACKER}?idsite=1&rec=1&action_name=%22Home%22%0A`;
    expect(buildFetchCall({ method: 'GET', url })).toBe(`fetch(${JSON.stringify(url)});`);
    expect(run(buildFetchCall({ method: 'GET', url }))).toEqual({ url, init: undefined });
    const post = {
      method: 'POST' as const,
      url: TRACKER,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Accept-Language': 'fr' },
      body: 'idsite=1&rec=1&e_c=Video&e_a=Play&e_n=%E2%80%9Cq%E2%80%9D',
    };
    expect(buildFetchCall(post)).toBe(
      [
        'fetch("https://matomo.example/matomo.php", {',
        '  method: "POST",',
        '  headers: {',
        '    "Content-Type": "application/x-www-form-urlencoded",',
        '    "Accept-Language": "fr",',
        '  },',
        '  body: "idsite=1&rec=1&e_c=Video&e_a=Play&e_n=%E2%80%9Cq%E2%80%9D",',
        '});',
      ].join('\n'),
    );
    expect(run(buildFetchCall(post))).toEqual({
      url: TRACKER,
      init: { method: 'POST', headers: post.headers, body: post.body },
    });
  });
});

describe('the catalogue flags what the tracker sets by itself', () => {
  it('flags screen, plugins, local time, cache buster and timings, not the page’s values', () => {
    for (const name of ['res', 'pdf', 'qt', 'realp', 'cookie', 'uadata', 'pf_net', 'h', 'r']) {
      expect(findParamSpec(name)?.trackerSet, name).toBe(true);
    }
    for (const name of ['_idn', '_refts', 'send_image', 'ca', 'pv_id']) {
      expect(findParamSpec(name)?.trackerSet, name).toBe(true);
    }
    for (const name of ['idsite', 'url', 'action_name', 'e_c', 'uid', '_id', 'dimension3']) {
      expect(findParamSpec(name)?.trackerSet ?? false, name).toBe(false);
    }
  });
});
