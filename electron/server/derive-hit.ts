// Rebuilds the per-parameter views of a stored hit (occurrences, decoded values, device)
// by running the protocol engine's parse and decoding again on what was received (not its
// validation, whose verdicts are stored): the request itself for single hits, a one-entry
// bulk for bulk hits. Outcome, issues and the device are not recomputed:
// they stay as judged when the hit arrived (the duplicate-order check depends on what came
// before; the device is stored so that reading a hit never runs the detector).
import type {
  DecodedParam,
  DeviceInfo,
  Issue,
  ParamOccurrence,
  ParamValue,
  ParsedRequest,
  RawRequest,
  RequestAnalysis,
} from '../../shared/matomo/types';
import type { HitViewsOfEntry } from '../../shared/matomo/analyze';
import { TEXT_PREFIX_CHARS } from '../../shared/api/text-cut';
import { decodedCutForReading } from '../../shared/matomo/decode-cut';
import { setParam } from '../../shared/matomo/effective-params';
import { headerText } from '../../shared/matomo/header-text';
import { LruCache } from '../../shared/matomo/lru';
import { partReadByPhp } from '../../shared/matomo/query-string';
import { listNames, namesOf } from '../../shared/matomo/record-shapes';
import { unknownDevice } from '../../shared/matomo/user-agent';
import type { DerivedViews, HitDeriver, HitDeriverInTurns } from './storage/compact';
import type { CompactHit, ParamsOf, StoredRequest } from './storage/stored-record';
import type { HitViews } from './contracts';
import { jsonInSlices } from './storage/json-in-slices';
import { Slicer, yieldToLoop } from './storage/journal-scan';

/** The engine's analysis; `device`, when given, is the hit's device (not detected again). */
export type Analyze = (raw: RawRequest, now: number, device?: DeviceInfo) => RequestAnalysis;
/** The views of each hit of a request (hitViewsOf); `device` as for Analyze. */
export type ViewsOf = (raw: RawRequest, now: number, device?: DeviceInfo) => HitViewsOfEntry[];
/** The same, spread over turns of the event loop. */
export type ViewsInTurns = (
  raw: RawRequest,
  now: number,
  device?: DeviceInfo,
) => Promise<HitViewsOfEntry[]>;
/**
 * The views of a bulk of the one string `item` sent with `headers` (bulkItemViewsOf): what
 * ViewsOf gives for that bulk, without writing and parsing the bulk's JSON.
 */
export type ItemViewsOf = (
  item: string,
  headers: Record<string, string>,
  now: number,
  device?: DeviceInfo,
) => HitViewsOfEntry[];
/** The same, spread over turns of the event loop. */
export type ItemViewsInTurns = (...args: Parameters<ItemViewsOf>) => Promise<HitViewsOfEntry[]>;

function bodyBytes(request: StoredRequest): Uint8Array {
  return Buffer.from(request.body, request.bodyEncoding === 'base64' ? 'base64' : 'utf8');
}

/**
 * The stored request as the engine reads it, cut to the variables PHP reads of its query and
 * form body (max_input_vars): the views rebuilt from it are the same, and reading back a
 * hit of 100,000 parameters costs what one of a thousand does.
 */
function storedRaw(request: StoredRequest, shorten: Shorten = whole): RawRequest {
  const form = /^\s*application\/x-www-form-urlencoded/i.test(
    headerText(request.headers, 'content-type'),
  );
  const body =
    form && request.bodyEncoding !== 'base64'
      ? Buffer.from(shorten(partReadByPhp(request.body, 'body')), 'utf8')
      : bodyBytes(request);
  return {
    method: request.method,
    path: request.path,
    query: shorten(partReadByPhp(request.query, 'query')),
    headers: request.headers,
    body,
    remoteAddress: request.remoteAddress,
  };
}

interface ParamsEngine {
  parseRequest(raw: RawRequest): ParsedRequest;
  decodeQuery(query: string, source: 'bulk'): { occurrences: ParamOccurrence[] };
  effectiveParams(
    occurrences: readonly ParamOccurrence[],
    issues: Issue[],
  ): Record<string, ParamValue>;
}

/**
 * Parameters of a stored hit, parsed again exactly as the engine parsed them on arrival: a
 * bulk entry from its query, a single hit from its request. The most recent results are
 * cached: a filter or a page reads the same hits several times in a row.
 */
export function createParamsOf(engine: ParamsEngine, cacheSize = 2_000): ParamsOf {
  const cache = new LruCache<CompactHit, Record<string, ParamValue>>(cacheSize);
  return (hit, remember = true) => {
    const cached = cache.get(hit);
    if (cached) return cached;
    const params =
      hit.transport === 'bulk'
        ? engine.effectiveParams(
            engine.decodeQuery(partReadByPhp(hit.rawQuery, 'bulk'), 'bulk').occurrences,
            [],
          )
        : (engine.parseRequest(storedRaw(hit.request)).entries[0]?.params ?? {});
    if (remember) cache.set(hit, params);
    return params;
  };
}

/** A query or form body as the engine should read it. */
type Shorten = (text: string) => string;
const whole: Shorten = (text) => text;

/**
 * Each `name=value` longer than an answer meant for reading keeps of a text cut to that
 * length: the views rebuilt from it hold the beginning of the long values, as that answer
 * would after cutting them, without decoding megabytes first.
 */
export const shortenLongPairs: Shorten = (text) => {
  if (text.length <= TEXT_PREFIX_CHARS) return text;
  return text
    .split('&')
    .map((pair) => (pair.length > TEXT_PREFIX_CHARS ? pair.slice(0, TEXT_PREFIX_CHARS) : pair))
    .join('&');
};

/** shortenLongPairs, noting whether it shortened anything. */
function notingShortener(): { shorten: Shorten; shortened: () => boolean } {
  let shortened = false;
  return {
    shorten: (text) => {
      const out = shortenLongPairs(text);
      if (out !== text) shortened = true;
      return out;
    },
    shortened: () => shortened,
  };
}

/**
 * The decoded values of a hit read from shortened pairs, each one decoded from the beginning
 * of its value marked so (decodedCutForReading): a JSON value cut anywhere does not parse,
 * and must not read as the invalid value it was not. The hit's parameters are the whole ones.
 */
function markCutForReading(
  hit: CompactHit,
  decoded: Record<string, DecodedParam>,
): Record<string, DecodedParam> {
  const whole = hit.params;
  const names = namesOf(decoded);
  const marked = { ...decoded };
  for (const name of names) {
    const param = decoded[name] as DecodedParam;
    const full = whole[name];
    if (typeof param.raw !== 'string' || typeof full !== 'string') continue;
    if (full.length <= param.raw.length) continue;
    setParam(marked, name, decodedCutForReading(param, full.length, hit.issues));
  }
  listNames(marked, names);
  return marked;
}

/** What the engine should see to reproduce this one hit. */
export function replayRequest(
  hit: CompactHit,
  request: StoredRequest,
  shorten: Shorten = whole,
  objectEntryBody?: Uint8Array,
): RawRequest {
  const base = {
    method: request.method,
    path: request.path,
    query: shorten(request.query),
    headers: request.headers,
    remoteAddress: request.remoteAddress,
  };
  if (hit.transport === 'bulk') {
    if (hit.objectEntry && objectEntryBody) return { ...base, body: objectEntryBody };
    const entry = hit.objectEntry ? hit.params : `?${shorten(partReadByPhp(hit.rawQuery, 'bulk'))}`;
    return { ...base, body: Buffer.from(JSON.stringify({ requests: [entry] }), 'utf8') };
  }
  if (request.bodyTruncated) {
    // The stored body is cut: the hit's own query (query string, then body) has it all.
    const query = shorten(partReadByPhp(hit.rawQuery, 'query'));
    return { ...base, method: 'GET', query, body: new Uint8Array(0) };
  }
  return storedRaw(request, shorten);
}

/** A lone surrogate: a bulk's JSON could not carry it (bulkItem). */
const SURROGATE = /[\ud800-\udfff]/;

/** What the engine should see to derive `hit` again, and the hit's analysed twin in it. */
function replayOf(
  hit: CompactHit,
  views: HitViews,
  objectEntryBody?: Uint8Array,
): {
  raw: () => RawRequest;
  /** A bulk's string entry, read again as the one item of a bulk (ItemViewsOf). */
  item: string | undefined;
  now: number;
  device: DeviceInfo | undefined;
  pick: (views: HitViewsOfEntry[]) => DerivedViews;
} {
  const request = hit.request;
  const reading = notingShortener();
  const shorten = views === 'reading' ? reading.shorten : whole;
  return {
    raw: () => replayRequest(hit, request, shorten, objectEntryBody),
    item: bulkItem(hit, shorten),
    now: Date.parse(request.receivedAt),
    // The device detected on arrival is kept with the hit: detecting it again on every read
    // would cost the detector's time again, for every page of hits shown.
    device: hit.device === undefined ? undefined : { ...hit.device, userAgent: hit.userAgent },
    pick: (views) => {
      const again = hit.transport === 'bulk' ? views[0] : views[hit.index];
      if (!again) return notDerived(hit);
      const shortened = reading.shortened();
      const decoded = shortened ? markCutForReading(hit, again.decoded) : again.decoded;
      const derived: DerivedViews = {
        occurrences: again.occurrences,
        decoded,
        device: again.device,
      };
      // The parameters come from the same parse as paramsOf's (createParamsOf) when nothing
      // was cut and the hit is its request's first entry or a bulk's entry.
      if (!shortened && (hit.transport === 'bulk' || hit.index === 0)) {
        derived.params = again.params;
      }
      return derived;
    },
  };
}

/**
 * The bulk entry replayRequest would wrap in a bulk of one, when it is a string the bulk's
 * JSON carries unchanged (no lone surrogate, which PHP's JSON decoding refuses).
 */
function bulkItem(hit: CompactHit, shorten: Shorten): string | undefined {
  if (hit.transport !== 'bulk' || hit.objectEntry) return undefined;
  const item = `?${shorten(partReadByPhp(hit.rawQuery, 'bulk'))}`;
  return SURROGATE.test(item) ? undefined : item;
}

/** What a hit is served with when its request cannot be analysed again. */
const notDerived = (hit: CompactHit): DerivedViews => ({
  occurrences: [],
  decoded: {},
  device: unknownDevice(hit.userAgent),
});

/**
 * `itemViewsOf`, when given, reads a bulk's string entry without a bulk around it (an export
 * reads 300,000 of them: the bulk's JSON, written and parsed again, cost a third of its views).
 */
export function createHitDeriver(viewsOf: ViewsOf, itemViewsOf?: ItemViewsOf): HitDeriver {
  return (hit, views = 'full') => {
    try {
      const { raw, item, now, device, pick } = replayOf(hit, views);
      return pick(
        item !== undefined && itemViewsOf
          ? itemViewsOf(item, hit.request.headers, now, device)
          : viewsOf(raw(), now, device),
      );
    } catch {
      // The hit is still served with what the store kept.
      return notDerived(hit);
    }
  };
}

/** Smaller bodies are joined in the turn that wrote them (a page may derive 100 such hits). */
const JOINED_IN_TURN_BYTES = 1024 * 1024;

/**
 * `pieces` as one buffer, copied in a turn of its own: some 8 MB for an entry of 100,000 keys,
 * which took a turn's worth of time beside the last piece written or the first read.
 */
async function joinedInTurn(pieces: Buffer[]): Promise<Buffer> {
  let bytes = 0;
  for (const piece of pieces) bytes += piece.length;
  if (bytes < JOINED_IN_TURN_BYTES) return Buffer.concat(pieces, bytes);
  await yieldToLoop();
  const joined = Buffer.concat(pieces, bytes);
  await yieldToLoop();
  return joined;
}

/**
 * The same with the analysis spread over turns of the event loop: a stored request of
 * megabytes (one long value, 100,000 parameters, a JSON-object entry of as many keys) took a
 * few hundred milliseconds to analyse again in one go, on every read of its hit.
 */
export function createHitDeriverInTurns(
  viewsInTurns: ViewsInTurns,
  itemViewsInTurns?: ItemViewsInTurns,
): HitDeriverInTurns {
  return async (hit, views = 'full') => {
    try {
      // An object entry's body is its parameters' JSON: 100,000 keys are written in turns too.
      const slicer = new Slicer();
      const entryBody =
        hit.transport === 'bulk' && hit.objectEntry
          ? await joinedInTurn(await jsonInSlices({ requests: [hit.params] }, () => slicer.tick()))
          : undefined;
      const { raw, item, now, device, pick } = replayOf(hit, views, entryBody);
      return pick(
        item !== undefined && itemViewsInTurns
          ? await itemViewsInTurns(item, hit.request.headers, now, device)
          : await viewsInTurns(raw(), now, device),
      );
    } catch {
      return notDerived(hit);
    }
  };
}
