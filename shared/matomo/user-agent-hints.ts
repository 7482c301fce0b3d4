// Client hints: what a reduced user agent no longer says (the real OS version — Windows 11
// still says "Windows NT 10.0" —, the device model, the full browser version), read from
// `uadata` or else the Sec-CH-UA-* headers, as Matomo reads them (core/Tracker/Request.php
// lines 645–653: `uadata` as JSON, the headers otherwise).
import { headerText } from './header-text';
import type { DeviceInfo, ParamValue } from './types';
import { readJson } from './coerce';

export interface ClientHints {
  platform: string;
  platformVersion: string;
  model: string;
  fullVersionList: { brand: string; version: string }[];
}

export function applyHints(info: DeviceInfo, hints: ClientHints): void {
  if (hints.platform !== '') {
    info.os ??= hints.platform;
    const version = hints.platformVersion;
    const major = Number.parseInt(version, 10);
    if (hints.platform === 'Windows' && info.os === 'Windows') {
      // Windows 11 still says "Windows NT 10.0" (read as 10); its client-hint platform version is 13+.
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

/** `uadata` when it is a JSON object (Matomo ignores anything else), else the headers. */
export function readHints(
  uadata: ParamValue | undefined,
  headers: Record<string, string>,
): ClientHints | null {
  if (uadata !== undefined && uadata !== null && uadata !== '') {
    // Read as Matomo reads a JSON parameter: nested deeper than json_decode's limit, it is null.
    const read = readJson(uadata);
    if (!read.ok) return null;
    const json = read.value;
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
