// One HTTP request from bytes to verdicts: parse → per entry decode, classify, detect the
// device, validate, summarise → the answer Matomo would give. The capture server, the
// /api/validate route and the composer's live preview all call this one function.
import { applyBulkAbort } from './bulk-abort';
import { entryOfBulkItem } from './bulk';
import { builtOnRead, isBuiltOnRead } from './built-on-read';
import { classifyHit } from './classify';
import { decodeEntrySteps, type DecodedEntry, type DecodeOptions } from './decode';
import { headerText } from './header-text';
import { drain, OWN_TURN_NEXT, type Step } from '../steps';
import { JSON_IN_PIECES_CHARS } from './coerce';
import { jsonParamsNotUtf8, paramsForDevice, refuseNotUtf8Json } from './json-bytes';
import { parseRequestSteps } from './parse';
import { namesOf } from './record-shapes';
import { isPreflight, predictResponse, preflightResponse } from './response';
import { detectSiteSearch, siteSearchSettings } from './site-search';
import { summarizeHit } from './summary';
import type {
  AnalyzedHit,
  DeviceInfo,
  ParamValue,
  ParsedRequest,
  RawRequest,
  RequestAnalysis,
  ValidationContext,
} from './types';
import { deviceOrDetection, MAX_NEW_DEVICES_PER_REQUEST } from './user-agent';
import { validateEntrySteps } from './validate';
import { orderKey, siteOf } from './validate-context';

/**
 * What the caller knows beyond the request. The headers and the bulk token come from the
 * request itself, so the caller cannot pass them.
 */
export type AnalyzeContext = Omit<ValidationContext, 'headers' | 'bulkTokenAuth' | 'peerAddress'>;

export interface AnalyzeOptions {
  /** Predict the debug answer (the server's debug mode decides; docs/tracking-protocol.md#debug). */
  debug?: boolean;
  /**
   * The device of each hit, when the caller knows it already (a stored hit keeps the device
   * detected on arrival); by default it is detected from the user agent.
   */
  device?: (headers: Record<string, string>, params: Record<string, ParamValue>) => DeviceInfo;
}

/**
 * Decision on parameterless requests: a request that carries no parameter at all is not a
 * hit. Matomo processes nothing for it (it only answers 200 on GET, 400 otherwise, spec
 * docs/tracking-protocol.md#outcomes), so listing it among the hits would show a phantom row in every table and count. The
 * request itself is still recorded with its `request.empty` issue (`parsed.issues`) and the
 * predicted answer. Bulk items that are empty (e.g. `null`) are different: Matomo counts them
 * as tracked requests with their own index, so they stay hits (validation excludes them).
 */
export function analyzeRequest(
  raw: RawRequest,
  ctx: AnalyzeContext,
  options: AnalyzeOptions = {},
): RequestAnalysis {
  return drain(analysisSteps(raw, ctx, options));
}

/** The views of each hit of a request (viewSteps), in one go. */
export function hitViewsOf(
  raw: RawRequest,
  now: number,
  options: AnalyzeOptions = {},
): HitViewsOfEntry[] {
  return drain(viewSteps(raw, now, options));
}

/** The same, spread over turns of the caller's event loop as analyzeRequestInSlices is. */
export function hitViewsInSlices(
  raw: RawRequest,
  now: number,
  options: AnalyzeOptions & SliceOptions,
): Promise<HitViewsOfEntry[]> {
  return runInSlices(viewSteps(raw, now, options), options);
}

/**
 * The same analysis, with the work spread over turns of the caller's event loop: after
 * `sliceMs` of work it awaits `pause()` before the next step. A bulk of thousands of
 * entries, each with its own user agent to detect, then never holds a server for long; the
 * result is exactly analyzeRequest's (the same steps, in the same order). `beforeDetection`
 * is awaited, when it gives a promise, before a new device's detection only (a server whose
 * detector still warms up answers the devices it knows at once).
 */
export async function analyzeRequestInSlices(
  raw: RawRequest,
  ctx: AnalyzeContext,
  options: AnalyzeOptions & SliceOptions,
): Promise<RequestAnalysis> {
  return runInSlices(analysisSteps(raw, ctx, options), options);
}

export interface SliceOptions {
  pause: () => Promise<void>;
  sliceMs?: number;
  /**
   * Before a new device's detection: null to run it now, or a promise to await first. The
   * promise may run the detection itself (given here) and give its result, which is then
   * used instead of running it again.
   */
  beforeDetection?: (detection: () => DeviceInfo) => Promise<DeviceInfo | void> | null;
}

/**
 * Runs steps that mark a new device's detection with NewDevice, in slices; a step
 * after OWN_TURN_NEXT (a join of megabytes) starts a slice too.
 */
async function runInSlices<T>(
  steps: Generator<Step | NewDevice, T>,
  options: SliceOptions,
): Promise<T> {
  const sliceMs = options.sliceMs ?? 20;
  let sliceStart = Date.now();
  let stepsInSlice = 0;
  let step = steps.next();
  while (step.done !== true) {
    // A new device's detection alone can take tens of milliseconds: it starts a slice of its
    // own, so no slice holds two of them, nor one after a full slice of other work.
    const newDevice = isNewDevice(step.value) ? step.value : null;
    const waiting = newDevice ? options.beforeDetection?.(newDevice.detection) : null;
    if (newDevice && waiting) {
      const settled = await waiting;
      if (settled) newDevice.settled = settled;
      sliceStart = Date.now();
      stepsInSlice = 0;
    }
    const costly = (newDevice !== null || step.value === OWN_TURN_NEXT) && stepsInSlice > 0;
    if (costly || Date.now() - sliceStart >= sliceMs) {
      await options.pause();
      sliceStart = Date.now();
      stepsInSlice = 0;
    }
    step = steps.next();
    stepsInSlice++;
  }
  return step.value;
}

/**
 * Yielded just before a step that may take tens of milliseconds: a new device's detection,
 * which the runner may run itself before (setting `settled`).
 */
interface NewDevice {
  detection: () => DeviceInfo;
  settled?: DeviceInfo;
}

function isNewDevice(step: unknown): step is NewDevice {
  return typeof step === 'object' && step !== null && 'detection' in step;
}

/**
 * An entry's decoded values (with their problems) and its device: what a stored hit is read
 * with again besides its occurrences, which the parse gives.
 */
function* entryViews(
  entry: ParsedRequest['entries'][number],
  now: number,
  headers: Record<string, string>,
  options: AnalyzeOptions,
  budget: { newDevices: number },
  names: readonly string[] = namesOf(entry.params),
): Generator<Step | NewDevice, DecodedEntry & { device: DeviceInfo }> {
  const decodedEntry = yield* decodeEntrySteps(entry.params, { now }, names);
  const notUtf8 = jsonParamsNotUtf8(entry);
  if (notUtf8.length > 0) refuseNotUtf8Json(notUtf8, decodedEntry);
  const deviceParams = withDecodedHints(paramsForDevice(entry.params, notUtf8), decodedEntry);
  let device = options.device
    ? options.device(headers, deviceParams)
    : deviceOrDetection(headers, deviceParams, budget);
  if (typeof device === 'function') {
    const newDevice: NewDevice = { detection: device };
    yield newDevice;
    device = newDevice.settled ?? device();
  }
  // Named fields, not a spread given one more: that copy gets a hidden class of its own (in
  // dictionary mode), which every later reader of the hit (records, live stream) pays for.
  return { decoded: decodedEntry.decoded, problems: decodedEntry.problems, device };
}

/**
 * The parameters with `uadata` of megabytes replaced by its decoded object (or `false` when it
 * is none): the device's hints then read it as they would the text, without parsing it again
 * in one go.
 */
function withDecodedHints(
  params: Record<string, ParamValue>,
  { decoded }: DecodedEntry,
): Record<string, ParamValue> {
  const uadata = params['uadata'];
  if (typeof uadata !== 'string' || uadata.length < JSON_IN_PIECES_CHARS) return params;
  return { ...params, uadata: (decoded['uadata']?.value as ParamValue | undefined) ?? false };
}

/**
 * The decoded values the hit keeps: a bulk entry whose occurrences are made when read
 * (bulk.ts) has its decoded values made again when read too, from the same parameters and
 * time, instead of keeping them until the bulk is announced (built-on-read.ts). Such an entry
 * has no findings of its parse, so none of its JSON values was refused for its bytes.
 */
function decodedToKeep(
  entry: ParsedRequest['entries'][number],
  decoded: AnalyzedHit['decoded'],
  clock: DecodeOptions,
): AnalyzedHit['decoded'] {
  if (!isBuiltOnRead(entry.occurrences)) return decoded;
  return builtOnRead({}, decodedOf, entry.params, clock);
}

const decodedOf = (params: Record<string, ParamValue>, clock: DecodeOptions) =>
  drain(decodeEntrySteps(params, clock)).decoded;

/**
 * The views a stored hit is read with (AnalyzedHit's), of each hit of a request, and the
 * parameters the parse gave along with them: an export reads them from here rather than
 * parse the hit a second time.
 */
export type HitViewsOfEntry = Pick<AnalyzedHit, 'occurrences' | 'decoded' | 'device' | 'params'>;

/**
 * Only the views of each hit, in the analysis's order and exactly as it builds them, without
 * what reading a stored hit discards (classification, validation, summary, the predicted
 * answer): reading hits back (pages, exports) costs the parse and the decoding alone.
 */
export function* viewSteps(
  raw: RawRequest,
  now: number,
  options: AnalyzeOptions,
): Generator<Step | NewDevice, HitViewsOfEntry[]> {
  const parsed = yield* parseRequestSteps(raw);
  if (isPreflight(raw) || parsed.empty) return [];
  const headers = raw?.headers ?? {};
  const budget = { newDevices: MAX_NEW_DEVICES_PER_REQUEST };
  const hits: HitViewsOfEntry[] = [];
  for (const entry of parsed.entries) {
    const { decoded, device } = yield* entryViews(entry, now, headers, options, budget);
    hits.push({ occurrences: entry.occurrences, decoded, device, params: entry.params });
    yield;
  }
  return hits;
}

/**
 * viewSteps of a bulk of the one string `item` sent with `headers`: the same views, from the
 * item alone (a stored bulk hit read again, once per hit of an export).
 */
function* bulkItemViewSteps(
  item: string,
  headers: Record<string, string>,
  now: number,
  options: AnalyzeOptions,
): Generator<Step | NewDevice, HitViewsOfEntry[]> {
  const entry = entryOfBulkItem(item);
  if (entry === null) return [];
  const budget = { newDevices: MAX_NEW_DEVICES_PER_REQUEST };
  const { decoded, device } = yield* entryViews(entry, now, headers, options, budget);
  return [{ occurrences: entry.occurrences, decoded, device, params: entry.params }];
}

/** bulkItemViewSteps in one go. */
export function bulkItemViewsOf(
  item: string,
  headers: Record<string, string>,
  now: number,
  options: AnalyzeOptions = {},
): HitViewsOfEntry[] {
  return drain(bulkItemViewSteps(item, headers, now, options));
}

/** bulkItemViewSteps over turns of the caller's event loop, as hitViewsInSlices. */
export function bulkItemViewsInSlices(
  item: string,
  headers: Record<string, string>,
  now: number,
  options: AnalyzeOptions & SliceOptions,
): Promise<HitViewsOfEntry[]> {
  return runInSlices(bulkItemViewSteps(item, headers, now, options), options);
}

/**
 * The analysis, pausing after each bulk item read, before each new device's detection and
 * after each entry analysed.
 */
function* analysisSteps(
  raw: RawRequest,
  ctx: AnalyzeContext,
  options: AnalyzeOptions,
): Generator<Step | NewDevice, RequestAnalysis> {
  const parsed = yield* parseRequestSteps(raw);
  const origin = headerText(raw?.headers, 'origin');
  if (isPreflight(raw)) return { parsed, hits: [], response: preflightResponse() };
  if (parsed.empty) {
    return { parsed, hits: [], response: predictResponse(parsed, [], { origin }) };
  }

  const headers = raw?.headers ?? {};
  // Orders recorded earlier in the same bulk count as seen (docs/tracking-protocol.md#events-goals-ecommerce: a second order with
  // the same id is rejected), without touching the caller's set. The caller's set may be
  // large, so it is copied only once an order of this request has to be added to it.
  let ownOrders: Set<string> | null = null;
  // Every field named in one literal: a spread of the caller's context, then properties added
  // one by one, cost a page view's analysis more than some of its checks. An absent
  // seenOrders reads as no order seen.
  const hitCtx: ValidationContext = {
    now: ctx.now,
    sites: ctx.sites,
    seenOrders: ctx.seenOrders,
    headers,
    bulkTokenAuth: parsed.bulk?.tokenAuth,
    peerAddress: raw?.remoteAddress || undefined,
  };

  const analyzed: AnalyzedHit[] = [];
  const budget = { newDevices: MAX_NEW_DEVICES_PER_REQUEST };
  // The time the decoded values made on read are made at, one object for every hit: a hit's
  // own copy of a number this large would be one more object on the heap per hit.
  const clock: DecodeOptions = { now: ctx.now };
  for (let position = 0; position < parsed.entries.length; position++) {
    const entry = parsed.entries[position] as ParsedRequest['entries'][number];
    const params = entry.params;
    const site = siteOf(params, ctx.sites);
    // Listed once for the decoding and the checks that read every name (each listed them).
    const names = namesOf(params);
    const { decoded, problems, device } = yield* entryViews(
      entry,
      ctx.now,
      headers,
      options,
      budget,
      names,
    );
    const search = siteSearchSettings(site, headers);
    const type = classifyHit(params, { search });
    const { outcome, issues } = yield* validateEntrySteps(
      { entry, parsed, decoded, problems, type, device, names },
      hitCtx,
    );
    const moreToCome = position < parsed.entries.length - 1;
    if (type === 'ecommerce_order' && outcome === 'recorded' && moreToCome) {
      ownOrders ??= new Set(ctx.seenOrders ?? []);
      ownOrders.add(orderKey(params));
      hitCtx.seenOrders = ownOrders;
    }
    analyzed.push({
      index: entry.index,
      params,
      occurrences: entry.occurrences,
      rawQuery: entry.rawQuery,
      decoded: decodedToKeep(entry, decoded, clock),
      type,
      outcome,
      issues,
      device,
      summary: summarizeHit(
        type,
        params,
        type === 'site_search' ? detectSiteSearch(params, search) : null,
        decoded,
      ),
    });
    yield;
  }
  // One entry with a generic error stops a bulk and loses every entry (docs/tracking-protocol.md#bulk-isolation).
  const hits = parsed.bulk === null ? analyzed : applyBulkAbort(analyzed);
  const response = predictResponse(parsed, hits, { origin, debug: options.debug === true });
  return { parsed, hits, response };
}
