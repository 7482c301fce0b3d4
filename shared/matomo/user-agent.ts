// Browser, OS, device and bot flag of a hit. Matomo 5 uses DeviceDetector 6.4.1 (pinned in its
// composer.lock):
// - the bot flag comes from that release's own bot patterns (bots/detect.ts): later releases
//   call other user agents bots, and Matomo's tracker discards a bot's hit, so the flag must
//   be that release's exactly;
// - browser, OS and device come from node-device-detector, a JavaScript port of DeviceDetector
//   (it follows later releases; names may differ for new user agents);
// - `ua` overrides the User-Agent header (core/Tracker/Request.php lines 634–643);
// - client hints fill what a reduced user agent no longer says (user-agent-hints.ts);
// - the detector sees at most the first 500 characters of a user agent. Its patterns
//   backtrack, so its time grows with the length of the text: uncut, one 60 KB value took
//   seconds. Matomo keys its own detector cache by the same 500 characters
//   (core/DeviceDetector/DeviceDetectorFactory.php lines 42–56), so two user agents that
//   only differ after them get one result there as here;
// - results are kept in a bounded LRU cache: the hits of a bulk usually share a user agent.
// Runs in the browser bundle too (the composer's live verdict): no Node imports.
import DeviceDetector from 'node-device-detector';
import { sameNames } from './record-shapes';
import { botNameOf } from './bots/detect';
import { deviceWarmUpSteps, keepCompiledPatterns, runWarmUp } from './device-warm-up';
import { headerText } from './header-text';
import { LruCache } from './lru';
import type { DeviceInfo, ParamValue } from './types';
import { unknownDevice, userAgentOf } from './device-unknown';
import { applyHints, readHints, type ClientHints } from './user-agent-hints';
import { rethrowIfNotSettled } from './warm-patterns';

export { unknownDevice } from './device-unknown';

/** Characters of a user agent (and of each client hint) the detector reads. */
export const MAX_DETECTED_UA_LENGTH = 500;
/**
 * Distinct user agents (with their client hints) remembered. A day's web server log holds
 * thousands (each build of each browser), and a full detection costs a millisecond or more:
 * a log import must detect each agent once, not again each time it comes back. An entry
 * holds the compact result (DeviceInfo), not the detector's output: about 400 bytes of heap
 * without client hints and some 150 more with them (the key's own text, which names the hint
 * set by a number, below), 8 to 11 MB when full, against the hundreds of megabytes a million
 * stored hits may hold.
 */
export const DEVICE_CACHE_LIMIT = 20_000;
export { MAX_NEW_DEVICES_PER_REQUEST, type DetectionBudget } from './detection-budget';
import type { DetectionBudget } from './detection-budget';

/** What detection reads from one hit, and the key its result is cached under. */
export interface DeviceInput {
  /** The user agent as sent (shown to the user); detection reads only its first characters. */
  userAgent: string;
  detected: string;
  hints: ClientHints | null;
  key: string;
}

const cache = new LruCache<string, DeviceInfo>(DEVICE_CACHE_LIMIT);
/**
 * A number for each client-hint set (its JSON), named in the cache keys in place of the JSON:
 * a browser's hits, and the browsers of one build, send the same few sets, and a copy of the
 * JSON in every key was some 280 bytes an entry. At most as many sets as the cache holds
 * entries; past that the numbering starts over (a plain map: kept in order of use, as the
 * cache is, each lookup cost more). Numbers are never given twice, so a set dropped and seen
 * again gets a new one and the entries under its old number are only missed, never taken
 * for another set's.
 */
const hintSetIds = new Map<string, number>();
let nextHintSetId = 0;
let detector: DeviceDetector | null = null;
/**
 * The texts detection read for a recent device, compared as they are: the requests of one
 * browser repeat them exactly, and comparing texts costs far less than reading the client
 * hints (JSON) and building the cache key again for every hit.
 */
interface RecentDevice {
  userAgent: string;
  uadata: string | undefined;
  hintHeaders: readonly string[];
  info: DeviceInfo;
}
/** Client-hint headers read when `uadata` is absent (user-agent-hints.ts). */
const HINT_HEADERS = [
  'sec-ch-ua-platform',
  'sec-ch-ua-platform-version',
  'sec-ch-ua-model',
  'sec-ch-ua-full-version-list',
] as const;
/** Texts longer than this are not kept in the recent list (its memory stays small). */
const MAX_RECENT_TEXT = 4096;
const RECENT_DEVICES = 16;
const recent: RecentDevice[] = [];
let nextRecent = 0;

/** The user agent and client hints of a hit, cut to what the detector reads. */
export function deviceInputOf(
  headers: Record<string, string>,
  params: Record<string, ParamValue>,
): DeviceInput {
  const userAgent = userAgentOf(headers, params);
  const uadata = Object.hasOwn(params, 'uadata') ? params['uadata'] : undefined;
  const hints = boundHints(readHints(uadata, headers));
  const detected = firstChars(userAgent, MAX_DETECTED_UA_LENGTH);
  return { userAgent, detected, hints, key: deviceKey(detected, hints) };
}

/**
 * The cache key: the user agent read, then a NUL and the number of its client-hint set
 * (hintSetIds), or nothing after the NUL without hints. Without hints (a log's user agents;
 * browsers not built on Chromium) it is the user agent's own string when that holds no NUL,
 * which the cached device holds anyway: a key of its own was a fifth of an entry's memory.
 * Either way one key stands for one input: the last NUL of a key that has one ends the user
 * agent, and a key without a NUL is a user agent without one and without hints.
 */
function deviceKey(detected: string, hints: ClientHints | null): string {
  if (hints === null) return detected.includes('\u0000') ? `${detected}\u0000` : detected;
  return `${detected}\u0000${hintSetId(JSON.stringify(hints))}`;
}

function hintSetId(json: string): number {
  let id = hintSetIds.get(json);
  if (id === undefined) {
    if (hintSetIds.size >= DEVICE_CACHE_LIMIT) hintSetIds.clear();
    id = nextHintSetId++;
    hintSetIds.set(json, id);
  }
  return id;
}

/** The device of a hit whose input was detected already (cached), else undefined. */
export function cachedDevice(input: DeviceInput): DeviceInfo | undefined {
  const info = cache.get(input.key);
  return info === undefined ? undefined : withUserAgent(info, input.userAgent);
}

/**
 * Remembers the device a full detection gave for this user agent and these hints before (a
 * stored hit's): a restarted server then answers that browser without detecting it again.
 */
export function rememberDevice(
  headers: Record<string, string>,
  params: Record<string, ParamValue>,
  device: Omit<DeviceInfo, 'userAgent'>,
): void {
  const input = deviceInputOf(headers, params);
  if (cache.get(input.key) !== undefined) return;
  cache.set(input.key, Object.freeze({ ...device, userAgent: input.userAgent }));
}

/**
 * Detects (or reads from the cache) the device of one input; with a budget spent, a new
 * input only gets the bot check (see MAX_NEW_DEVICES_PER_REQUEST).
 */
export function detectInput(input: DeviceInput, budget?: DetectionBudget): DeviceInfo {
  let info = cache.get(input.key);
  if (info === undefined) {
    if (budget !== undefined && budget.newDevices <= 0) return botCheckOnly(input);
    // Frozen: one object is shared by every hit with this user agent.
    info = Object.freeze(describe(input.detected, input.hints));
    // Counted once detected: a detection abandoned by settleWithin (warm-patterns.ts) is
    // run again, and counts then.
    if (budget !== undefined) budget.newDevices--;
    cache.set(input.key, info);
  }
  return withUserAgent(info, input.userAgent);
}

/** Results of botCheckOnly: never remembered as a device (a later request detects it all). */
const botChecksOnly = new WeakSet<DeviceInfo>();

/** The bot flag exactly as describe() sets it; the client hints' platform, nothing else. */
function botCheckOnly(input: DeviceInput): DeviceInfo {
  const info = unknownDevice(input.userAgent);
  if (/[a-z]/i.test(input.detected) || input.hints !== null) {
    const botName = botNameOf(input.detected);
    if (botName !== null) {
      info.bot = true;
      info.botName = text(botName);
    } else if (input.hints !== null) applyHints(info, input.hints);
  }
  botChecksOnly.add(info);
  return Object.freeze(info);
}

export function detectDevice(
  headers: Record<string, string>,
  params: Record<string, ParamValue>,
  budget?: DetectionBudget,
): DeviceInfo {
  const known = deviceOrDetection(headers, params, budget);
  return typeof known === 'function' ? known() : known;
}

/**
 * The device of a hit when it costs little to tell (seen recently, cached, or only the bot
 * check left in the budget), else the full detection still to run: a caller that spreads
 * its work over turns of the event loop can pause before it (analyzeRequestInSlices). The
 * detection, when run, gives detectDevice's result exactly and counts against the budget.
 */
export function deviceOrDetection(
  headers: Record<string, string>,
  params: Record<string, ParamValue>,
  budget?: DetectionBudget,
): DeviceInfo | (() => DeviceInfo) {
  const uaParam = Object.hasOwn(params, 'ua') ? params['ua'] : undefined;
  const userAgent =
    typeof uaParam === 'string' && uaParam !== '' ? uaParam : headerText(headers, 'user-agent');
  const uadata = Object.hasOwn(params, 'uadata') ? params['uadata'] : undefined;
  // A JSON value (bulk object entries) has no text to compare: detect through the cache.
  if (uadata !== undefined && typeof uadata !== 'string') {
    return knownOrDetection(deviceInputOf(headers, params), budget);
  }
  // The hints come from `uadata` when it is set, else from the headers (readHints).
  const hintHeaders =
    uadata === undefined || uadata === ''
      ? HINT_HEADERS.map((name) => headerText(headers, name))
      : [];
  const seen = recentDevice(userAgent, uadata, hintHeaders);
  if (seen !== undefined) return seen;
  const remember = (info: DeviceInfo): DeviceInfo => {
    if (
      !botChecksOnly.has(info) &&
      userAgent.length <= MAX_RECENT_TEXT &&
      (uadata?.length ?? 0) <= MAX_RECENT_TEXT &&
      hintHeaders.every((text) => text.length <= MAX_RECENT_TEXT)
    ) {
      recent[nextRecent] = { userAgent, uadata, hintHeaders, info };
      nextRecent = (nextRecent + 1) % RECENT_DEVICES;
    }
    return info;
  };
  const known = knownOrDetection(deviceInputOf(headers, params), budget);
  return typeof known === 'function' ? () => remember(known()) : remember(known);
}

/** detectInput's result when it needs no full detection, else that detection to run. */
function knownOrDetection(
  input: DeviceInput,
  budget: DetectionBudget | undefined,
): DeviceInfo | (() => DeviceInfo) {
  const cached = cachedDevice(input);
  if (cached !== undefined) return cached;
  if (budget !== undefined && budget.newDevices <= 0) return detectInput(input, budget);
  return () => detectInput(input, budget);
}

function recentDevice(
  userAgent: string,
  uadata: string | undefined,
  hintHeaders: readonly string[],
): DeviceInfo | undefined {
  // Every hit asks: plain loops, without a function made per hit to compare the hints.
  for (let n = 0; n < recent.length; n++) {
    const entry = recent[n] as (typeof recent)[number];
    if (entry.userAgent !== userAgent || entry.uadata !== uadata) continue;
    if (sameNames(entry.hintHeaders, hintHeaders)) return entry.info;
  }
  return undefined;
}

/**
 * Compiles the detector's patterns now, in one piece: the first detections take over a
 * second, which tests would rather spend before they measure.
 */
export function warmDeviceDetector(): void {
  runWarmUp(deviceWarmUpInSteps());
}

/**
 * Set once a warm-up has run its last step: the shared detector keeps every pattern it
 * compiled (keepCompiledPatterns), so another server started in the same process (a program
 * embedding the server, or a suite of tests starting many) has nothing left to warm, and
 * running the steps again would only repeat the full detections that end them, a long turn
 * each.
 */
let warmedUp = false;

/** The same warm-up in steps of a few milliseconds, for a server to run between requests. */
export function* deviceWarmUpInSteps(): Generator<() => void> {
  if (warmedUp) return;
  yield* deviceWarmUpSteps(sharedDetector(), (text) => describe(text, null));
  // Reached only once the last step has run: the caller asks for a step after running one.
  warmedUp = true;
}

function sharedDetector(): DeviceDetector {
  if (detector === null) {
    detector = new DeviceDetector({ clientIndexes: true, deviceIndexes: true, osIndexes: true });
    keepCompiledPatterns(detector);
  }
  return detector;
}

/** Forgets every detected device (tests measure a detection that is not cached yet). */
export function clearDeviceCache(): void {
  cache.clear();
  hintSetIds.clear();
  recent.length = 0;
  nextRecent = 0;
}

function withUserAgent(info: DeviceInfo, userAgent: string): DeviceInfo {
  return info.userAgent === userAgent ? info : Object.freeze({ ...info, userAgent });
}

/** The first `count` characters (code points, as PHP's mb_substr counts) of a text. */
export function firstChars(value: string, count: number): string {
  if (value.length <= count) return value;
  let end = 0;
  for (let seen = 0; seen < count && end < value.length; seen++) {
    const code = value.charCodeAt(end);
    end += code >= 0xd800 && code <= 0xdbff && end + 1 < value.length ? 2 : 1;
  }
  return value.slice(0, end);
}

function boundHints(hints: ClientHints | null): ClientHints | null {
  if (hints === null) return null;
  const cut = (text: string) => firstChars(text, MAX_DETECTED_UA_LENGTH);
  return {
    platform: cut(hints.platform),
    platformVersion: cut(hints.platformVersion),
    model: cut(hints.model),
    fullVersionList: hints.fullVersionList
      .slice(0, 20)
      .map((entry) => ({ brand: cut(entry.brand), version: cut(entry.version) })),
  };
}

function describe(userAgent: string, hints: ClientHints | null): DeviceInfo {
  const info = unknownDevice(userAgent);
  // DeviceDetector parses nothing for a user agent without a letter and without client hints
  // (DeviceDetector.php lines 600–605 at 6.4.1).
  if (!/[a-z]/i.test(userAgent) && hints === null) return info;
  const botName = botNameOf(userAgent);
  if (botName !== null) {
    // DeviceDetector stops at a bot: no browser, OS or device (DeviceDetector.php lines 607–611).
    info.bot = true;
    info.botName = text(botName);
    return info;
  }
  try {
    const result = sharedDetector().detect(userAgent);
    info.browser = text(result.client.name);
    info.browserVersion = text(result.client.version);
    info.os = text(result.os.name);
    info.osVersion = text(result.os.version);
    info.device = text(result.device.type);
    info.brand = text(result.device.brand);
    info.model = text(result.device.model);
  } catch (error) {
    rethrowIfNotSettled(error);
    // A library failure must not lose the hit: report the device as unknown.
  }
  if (hints !== null) applyHints(info, hints);
  return info;
}

function text(value: string | null | undefined): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}
