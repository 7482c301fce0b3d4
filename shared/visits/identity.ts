// Who a hit belongs to, as Matomo 5 resolves it: the visitor id of the request (uid hashed,
// then cid, then _id: shared/matomo/visitor.ts, from core/Tracker/Request.php lines 746–800)
// and the device fingerprint ("config id") Matomo falls back to.
import { BoundedMap } from '../bounded-map';
import { readInt } from '../matomo/coerce';
import { sha1Hex } from '../matomo/sha1';
import type { ParamValue } from '../matomo/types';
import { textOf } from '../matomo/validate-context';
import { visitorId } from '../matomo/visitor';
import type { VisitHitInput, VisitIdentity } from './types';

/**
 * A plugin flag as the fingerprint reads it: Common::getRequestVar(…, 0, 'int'), so anything
 * but an integer reads as 0.
 */
function pluginFlagText(value: ParamValue | undefined): string {
  if (value === '1' || value === '0' || value === undefined) return value ?? '0';
  const read = readInt(value);
  return String(read.ok ? read.value : 0);
}

/**
 * The browser language Matomo uses (core/Tracker/Request.php lines 319–323, core/Common.php
 * lines 823–860): `lang` when set, else Accept-Language, without spaces, comments and
 * quality values, lower-cased; the fingerprint keeps its first 20 characters.
 */
export function browserLanguage(params: Record<string, ParamValue>, acceptLanguage = ''): string {
  const raw = textOf(params.lang) || acceptLanguage;
  // A few distinct values arrive again and again: clean each once.
  let cleaned = languages.get(raw);
  if (cleaned === undefined) {
    cleaned = cleanLanguage(raw);
    languages.set(raw, cleaned);
  }
  return cleaned;
}

const languages = new BoundedMap<string, string>(256);

function cleanLanguage(raw: string): string {
  return raw
    .replace(/\\./g, '')
    .replace(/\s+/g, '')
    .replace(/\([^)]*\)/g, '')
    .replace(/;q=[0-9.]+/g, '')
    .replace(/\..*/, '')
    .toLowerCase();
}

/** The visitor IP: cip when set (a refused one rejected the hit already), else the peer. */
export function visitorIp(params: Record<string, ParamValue>, remoteAddress: string): string {
  const cip = textOf(params.cip);
  if (cip !== '' && cip !== '0') return cip;
  // Most peers are plain IPv4 or IPv6: only an IPv4-mapped address has a prefix to drop.
  if (remoteAddress.charCodeAt(0) !== 58 /* ':' */) return remoteAddress;
  return remoteAddress.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
}

/**
 * The config id of core/Tracker/Settings.php lines 36–176: OS (BOT for bots), browser name
 * and version, the eight plugin flags with two fixed zeros, the IP, the language (20
 * characters), the day in the site's time zone (when visits split at midnight) and the site.
 * Matomo hashes this with md5 and a salt of the installation, so its value cannot be
 * reproduced; this one is equal for two hits exactly when Matomo's is.
 */
export function configIdOf(hit: VisitHitInput, idsite: number, day: string): string {
  const params = hit.params;
  const device = hit.device;
  // The fingerprint's text is hashed part by part as it would be written out, never built:
  // joining a dozen parts and looking the result up cost more than hashing them.
  startHash();
  if (device) {
    hashText(device.bot ? 'BOT' : device.os || 'UNK');
    hashSeparator();
    hashText(device.browser || 'UNK');
    hashText(device.browserVersion ?? '');
  } else {
    hashText(hit.userAgent);
    hashSeparator();
  }
  hashSeparator();
  // The plugin flags (core/Tracker/Request.php lines 855–862) in the fingerprint's order:
  // fla java 0 qt realp pdf wma 0 ag cookie (Settings.php lines 159–163). Each is read by
  // its name (see textOf).
  hashText(pluginFlagText(params.fla));
  hashText(pluginFlagText(params.java));
  hashText('0');
  hashText(pluginFlagText(params.qt));
  hashText(pluginFlagText(params.realp));
  hashText(pluginFlagText(params.pdf));
  hashText(pluginFlagText(params.wma));
  hashText('0');
  hashText(pluginFlagText(params.ag));
  hashText(pluginFlagText(params.cookie));
  hashSeparator();
  hashText(visitorIp(params, hit.remoteAddress));
  hashSeparator();
  const language = browserLanguage(params, hit.acceptLanguage);
  hashText(language.length <= 20 ? language : [...language].slice(0, 20).join(''));
  hashSeparator();
  hashText(day);
  hashSeparator();
  hashText(String(idsite));
  return hashId();
}

// A fast 64-bit hash (two multiplicative 32-bit lanes, as in the public-domain cyrb53) fed one
// part at a time: the fingerprint only has to be equal for equal inputs and differ otherwise,
// and a cryptographic hash would cost several microseconds per hit. The lanes live here, not
// in an object, so hashing allocates nothing.
let lane1 = 0;
let lane2 = 0;

function startHash(): void {
  lane1 = 0xdeadbeef;
  lane2 = 0x41c6ce57;
}

function hashText(text: string): void {
  let h1 = lane1;
  let h2 = lane2;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  lane1 = h1;
  lane2 = h2;
}

/** The separator between two parts of the text (U+0001). */
function hashSeparator(): void {
  lane1 = Math.imul(lane1 ^ 1, 2654435761);
  lane2 = Math.imul(lane2 ^ 1, 1597334677);
}

function hashId(): string {
  let h1 = lane1;
  let h2 = lane2;
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  // A device sends many hits: its id's text is made once, found by the first lane and
  // checked against the second.
  return cachedHexText(configIds, h1, h2, h2, h1);
}

/** An id's text made once: filed under `key`, told apart from others there by `check`. */
interface CachedId {
  check: number;
  id: string;
}

const configIds = new BoundedMap<number, CachedId>(1024);

/** The text of the id `high`, `low` (hexText), from `cache` when made already. */
function cachedHexText(
  cache: Map<number, CachedId>,
  key: number,
  check: number,
  high: number,
  low: number,
): string {
  const known = cache.get(key);
  if (known !== undefined && known.check === check) return known.id;
  const id = hexText(high, low);
  cache.set(key, { check, id });
  return id;
}

const HEX = '0123456789abcdef';
const hexCodes: number[] = new Array<number>(16).fill(0);

/**
 * The 16 hex digits of two 32-bit numbers as one flat string: V8 looks up and compares a
 * string made by joining two others on a slower path, and these strings are map keys the
 * index reads several times per hit.
 */
function hexText(high: number, low: number): string {
  for (let i = 0; i < 8; i++) {
    hexCodes[i] = HEX.charCodeAt((high >>> (28 - 4 * i)) & 15);
    hexCodes[8 + i] = HEX.charCodeAt((low >>> (28 - 4 * i)) & 15);
  }
  return String.fromCharCode.apply(null, hexCodes);
}

/** The visitor id of a user id (Request.php lines 885–888), cached: a user sends many hits. */
const userIds = new BoundedMap<string, string>(4096);
function userVisitorId(uid: string): string {
  let id = userIds.get(uid);
  if (id === undefined) {
    id = sha1Hex(uid).slice(0, 16);
    userIds.set(uid, id);
  }
  return id;
}

/** The value of a lower-case hex digit, or -1. */
const hexDigit = (c: number): number =>
  c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x61 && c <= 0x66 ? c - 0x57 : -1;

/**
 * A tracker's visitor id of 16 lower-case hex digits as one string per id, or null for any
 * other text. The hit's own text is a slice of its query string, which V8 hashes and compares
 * on a slow path; the index looks the id up and compares it several times per hit. The id is
 * read as two 32-bit numbers and its string found by them (made once per visitor).
 */
function internedVisitorId(text: string): string | null {
  if (text.length !== 16) return null;
  let high = 0;
  let low = 0;
  for (let i = 0; i < 8; i++) {
    const d = hexDigit(text.charCodeAt(i));
    if (d < 0) return null;
    high = (high << 4) | d;
  }
  for (let i = 8; i < 16; i++) {
    const d = hexDigit(text.charCodeAt(i));
    if (d < 0) return null;
    low = (low << 4) | d;
  }
  // Filed by both halves mixed (ids made in sequence differ in their low half only); the
  // multiplier is odd, so the number and the low half tell the high half.
  return cachedHexText(trackerIds, Math.imul(high, 0x9e3779b1) ^ low, low, high, low);
}

const trackerIds = new BoundedMap<number, CachedId>(8192);

/** The hit's _id when it is a tracker's visitor id (16 lower-case hex digits), else null. */
export function trackerIdOf(params: Record<string, ParamValue>): string | null {
  const tracker = params._id;
  return typeof tracker === 'string' ? internedVisitorId(tracker) : null;
}

/**
 * The visitor id of the request, or the config id when the request has none; `trackerId`
 * is trackerIdOf the hit, when read already.
 */
export function identityOf(
  hit: VisitHitInput,
  configId: string,
  userIdOverwritesVisitorId: boolean,
  trackerId = trackerIdOf(hit.params),
): VisitIdentity {
  const identity = requestIdentity(hit, userIdOverwritesVisitorId, trackerId);
  if (identity === null) return { visitorId: configId, source: 'config_id', configId };
  identity.configId = configId;
  return identity;
}

/**
 * The identity of a request with a visitor id of its own, without its config id (left
 * undefined, for the caller to work out when it needs it); null when only the device
 * identifies the request.
 */
export function requestIdentity(
  hit: VisitHitInput,
  userIdOverwritesVisitorId: boolean,
  trackerId: string | null,
): VisitIdentity | null {
  const params = hit.params;
  const uid = textOf(params.uid);
  if (uid !== '' && userIdOverwritesVisitorId) {
    return { visitorId: userVisitorId(uid), source: 'uid', configId: undefined };
  }
  // The common case, a tracker's _id of 16 lower-case hex digits and no cid, read directly.
  if (trackerId !== null && params.cid === undefined) {
    return { visitorId: trackerId, source: '_id', configId: undefined };
  }
  // Without a user id (or when it does not replace the visitor id), no hashing is involved.
  const id = uid === '' ? visitorId(params) : visitorId({ ...params, uid: '' });
  return id ? { visitorId: id.id, source: id.source, configId: undefined } : null;
}
