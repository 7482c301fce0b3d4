// Browser, OS, device and bot flag of a hit, from device-detector-js — the JavaScript port of
// the DeviceDetector library Matomo itself uses — so a bot here is a bot there (docs/tracking-protocol.md#exclusions).
// - `ua` overrides the User-Agent header (docs/tracking-protocol.md#visitor-parameters);
// - client hints (`uadata`, else the Sec-CH-UA-* headers) fill what a reduced user agent no
//   longer says: the real OS version (Windows 11 says "Windows NT 10.0"), the device model,
//   the full browser version;
// - parsing one user agent takes milliseconds (the first one much longer, while the library
//   compiles its patterns), and every hit of a bulk usually shares one, so results are kept in
//   a bounded LRU cache.
// Runs in the browser bundle too: no Node imports.
import DeviceDetector from 'device-detector-js';
import { headerText } from './header-text';
import { LruCache } from './lru';
import type { DeviceInfo, ParamValue } from './types';

/** Distinct user agents (with their client hints) remembered; one entry is a few hundred bytes. */
export const DEVICE_CACHE_LIMIT = 1000;
const cache = new LruCache<string, DeviceInfo>(DEVICE_CACHE_LIMIT);
let detector: DeviceDetector | null = null;
let last: { userAgent: string; hintsKey: string; info: DeviceInfo } | null = null;

interface ClientHints {
  platform: string;
  platformVersion: string;
  model: string;
  fullVersionList: { brand: string; version: string }[];
}

export function detectDevice(
  headers: Record<string, string>,
  params: Record<string, ParamValue>,
): DeviceInfo {
  const uaParam = Object.hasOwn(params, 'ua') ? params['ua'] : undefined;
  const userAgent =
    typeof uaParam === 'string' && uaParam !== '' ? uaParam : headerText(headers, 'user-agent');
  const uadata = Object.hasOwn(params, 'uadata') ? params['uadata'] : undefined;
  const hintsKey = hintsCacheKey(uadata, headers);
  // The hits of one bulk nearly always repeat the previous user agent: compare, don't hash.
  if (last !== null && last.userAgent === userAgent && last.hintsKey === hintsKey) return last.info;
  const key = `${userAgent}\u0000${hintsKey}`;
  let info = cache.get(key);
  if (info === undefined) {
    // Frozen: one object is shared by every hit with this user agent.
    info = Object.freeze(describe(userAgent, readHints(uadata, headers)));
    cache.set(key, info);
  }
  last = { userAgent, hintsKey, info };
  return info;
}

/**
 * Parses one user agent so that the library compiles its patterns now: the first parse takes
 * hundreds of milliseconds, which a server would rather spend at startup than on a request.
 */
export function warmDeviceDetector(): void {
  detectDevice({ 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Hitscope/1.0' }, {});
}

function describe(userAgent: string, hints: ClientHints | null): DeviceInfo {
  detector ??= new DeviceDetector();
  let result: DeviceDetector.DeviceDetectorResult | null = null;
  try {
    result = detector.parse(userAgent);
  } catch {
    // A library failure must not lose the hit: report the device as unknown.
  }
  const info: DeviceInfo = {
    userAgent,
    browser: text(result?.client?.name),
    browserVersion: text(result?.client?.version),
    os: text(result?.os?.name),
    osVersion: text(result?.os?.version),
    device: text(result?.device?.type),
    brand: text(result?.device?.brand),
    model: text(result?.device?.model),
    bot: result?.bot != null,
    botName: text(result?.bot?.name),
  };
  if (hints !== null && !info.bot) applyHints(info, hints);
  return info;
}

function applyHints(info: DeviceInfo, hints: ClientHints): void {
  if (hints.platform !== '') {
    info.os ??= hints.platform;
    const version = hints.platformVersion;
    const major = Number.parseInt(version, 10);
    if (hints.platform === 'Windows' && info.os === 'Windows') {
      // Windows 11 still says "Windows NT 10.0"; its client-hint platform version is 13+.
      if (major >= 13) info.osVersion = '11';
    } else if (version !== '' && info.os === hints.platform && info.osVersion === null) {
      info.osVersion = version;
    }
  }
  if (hints.model !== '' && info.model === null) info.model = hints.model;
  const browser = info.browser;
  if (browser !== null) {
    const full = hints.fullVersionList.find((entry) => sameBrowser(browser, entry.brand));
    const major = info.browserVersion?.split('.')[0];
    if (full && (major === undefined || full.version.split('.')[0] === major)) {
      info.browserVersion = full.version;
    }
  }
}

function sameBrowser(browser: string, brand: string): boolean {
  if (brand === browser || brand === `Google ${browser}`) return true;
  // "Headless Chrome" and other Chromium builds report the Chromium brand.
  return browser.includes('Chrom') && brand === 'Chromium';
}

function hintsCacheKey(uadata: ParamValue | undefined, headers: Record<string, string>): string {
  if (typeof uadata === 'string') return uadata;
  if (uadata !== undefined && uadata !== null) return JSON.stringify(uadata);
  return [
    headerText(headers, 'sec-ch-ua-platform'),
    headerText(headers, 'sec-ch-ua-platform-version'),
    headerText(headers, 'sec-ch-ua-model'),
    headerText(headers, 'sec-ch-ua-full-version-list'),
  ].join('\u0000');
}

/** `uadata` when it is a JSON object (Matomo ignores anything else), else the headers. */
function readHints(
  uadata: ParamValue | undefined,
  headers: Record<string, string>,
): ClientHints | null {
  if (uadata !== undefined && uadata !== null && uadata !== '') {
    let json: unknown = uadata;
    if (typeof uadata === 'string') {
      try {
        json = JSON.parse(uadata);
      } catch {
        return null;
      }
    }
    if (json === null || typeof json !== 'object' || Array.isArray(json)) return null;
    const data = json as Record<string, unknown>;
    return {
      platform: stringOf(data['platform']),
      platformVersion: stringOf(data['platformVersion']),
      model: stringOf(data['model']),
      fullVersionList: brandList(data['fullVersionList']),
    };
  }
  const platform = unquote(headerText(headers, 'sec-ch-ua-platform'));
  if (platform === '') return null;
  return {
    platform,
    platformVersion: unquote(headerText(headers, 'sec-ch-ua-platform-version')),
    model: unquote(headerText(headers, 'sec-ch-ua-model')),
    fullVersionList: brandHeader(headerText(headers, 'sec-ch-ua-full-version-list')),
  };
}

function brandList(value: unknown): { brand: string; version: string }[] {
  if (!Array.isArray(value)) return [];
  const list: { brand: string; version: string }[] = [];
  for (const item of value) {
    if (item === null || typeof item !== 'object') continue;
    const entry = item as Record<string, unknown>;
    list.push({ brand: stringOf(entry['brand']), version: stringOf(entry['version']) });
  }
  return list;
}

/** `"Chromium";v="156.0.1", "Not:A-Brand";v="8.0.0"` → brand/version pairs. */
function brandHeader(value: string): { brand: string; version: string }[] {
  const list: { brand: string; version: string }[] = [];
  for (const match of value.matchAll(/"([^"]*)"\s*;\s*v\s*=\s*"([^"]*)"/g)) {
    list.push({ brand: match[1] ?? '', version: match[2] ?? '' });
  }
  return list;
}

function unquote(value: string): string {
  const trimmed = value.trim();
  return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"')
    ? trimmed.slice(1, -1)
    : trimmed;
}

function stringOf(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function text(value: string | null | undefined): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}
