// Turning full DTOs into the compact in-memory form and back. The compact hit drops the
// per-parameter views (occurrences, decoded values, device), which a HitDeriver rebuilds
// from the raw request when the hit is read. Full hits are deliberately not cached: each one
// kept even briefly is promoted to the old generation and turns into garbage there, which
// grows the heap far beyond what the hits need.
import type { HitDto, RequestRecordDto } from '../../../shared/api/types';
import type { HitViews } from '../contracts';
import { orderKey, textParam } from '../../../shared/matomo/validate-context';
import { NO_ISSUES } from '../../../shared/matomo/issue-codes';
import { isShapedRecord, namesOf } from '../../../shared/matomo/record-shapes';
import { isBuiltOnRead } from '../../../shared/matomo/built-on-read';
import type { DeviceInfo } from '../../../shared/matomo/types';
import { copyStoredHitFields } from './stored-hit-copy';
import type { StoredHitField } from './stored-hit-fields';
import {
  CompactHit,
  type CompactOwnFields,
  type ParamsOf,
  type StoredDevice,
  type StoredHitLine,
  type StoredRequest,
} from './stored-record';
import { compactParams } from './fast-object';
import { KeptRequest, packedQueryOf } from './kept-request';
import type { PackedQuery } from './packed-query';
import type { ValuePools } from './string-pool';

/**
 * What a compact hit left out: the per-parameter views and the device; and the parameters,
 * when the views were rebuilt from a parse that gave them (a hit read once takes them from
 * here rather than parse it a second time).
 */
export type DerivedViews = Pick<HitDto, 'occurrences' | 'decoded' | 'device'> &
  Partial<Pick<HitDto, 'params'>>;

/** Rebuilds what a compact hit left out. */
export type HitDeriver = (hit: CompactHit, views?: HitViews) => DerivedViews;

/** The same, its work spread over turns of the event loop (a hit of megabytes). */
export type HitDeriverInTurns = (hit: CompactHit, views?: HitViews) => Promise<DerivedViews>;

/** The stored form of a request (from a new DTO or a data file line), strings pooled. */
export function storedRequestOf(
  request: RequestRecordDto | StoredRequest,
  pools: ValuePools,
): StoredRequest {
  const response = request.response;
  const fields: Omit<StoredRequest, 'query'> = {
    id: request.id,
    receivedAt: request.receivedAt,
    method: pools.string(request.method),
    path: pools.string(request.path),
    headers: pools.record(request.headers),
    remoteAddress: pools.string(request.remoteAddress),
    body: request.body,
    bodyEncoding: request.bodyEncoding,
    bodySize: request.bodySize,
    bodyTruncated: request.bodyTruncated,
    transport: request.transport,
    issues: request.issues.length === 0 ? NO_ISSUES : request.issues,
    response: {
      status: response.status,
      headers: pools.record(response.headers),
      contentType: response.contentType,
      body: response.body.length <= 512 ? pools.string(response.body) : response.body,
      bodyKind: response.bodyKind,
      durationMs: response.durationMs,
    },
    hitCount: 'hitIds' in request ? request.hitIds.length : request.hitCount,
  };
  const stored = new KeptRequest(fields, pools.query(request.query));
  if (request.error) stored.error = request.error;
  if (request.imported) stored.imported = request.imported;
  if (request.run !== undefined) stored.run = pools.string(request.run);
  return stored;
}

/** True when a bulk entry arrived as a JSON value (object) rather than a query string. */
function isObjectEntry(hit: HitDto): boolean {
  if (hit.transport !== 'bulk') return false;
  // Occurrences made when read belong to query entries only; asking makes none.
  if (isBuiltOnRead(hit.occurrences)) return false;
  const first = hit.occurrences[0];
  return first ? first.raw === undefined : hit.rawQuery === '';
}

/**
 * The key a recorded order is remembered under, read as the duplicate-order check reads it
 * (an idsite of "1.0" is site 1 there, so it is here too).
 */
export function recordedOrderKey(hit: HitDto): string | undefined {
  if (hit.type !== 'ecommerce_order' || hit.outcome !== 'recorded') return undefined;
  return textParam(hit.params, 'ec_id') === '' ? undefined : orderKey(hit.params);
}

/**
 * Parameters are kept only where they cannot be parsed again from what is stored: object
 * bulk entries (typed JSON values) and single requests whose stored body is cut.
 */
function keepsParams(hit: HitDto, request: StoredRequest): boolean {
  return isObjectEntry(hit) || (request.transport !== 'bulk' && request.bodyTruncated);
}

/**
 * Kept parameters, compact and pooled; their names read once (there may be 100,000), from the
 * list the parse kept when it has one (listing them again took 20 ms and more in one go).
 */
function keptParams(params: HitDto['params'], pools: ValuePools): HitDto['params'] {
  const names = namesOf(params);
  // Made compact by the analysis already (an object entry's, most often): not copied again.
  const kept = isShapedRecord(params) ? params : compactParams(params, names);
  return pools.paramValues(kept, names);
}

/**
 * The same text as the request's query or body shares its memory. A bulk entry's own text is
 * kept as it is: packing thousands of them would hold the answer to the bulk.
 */
function sharedText(text: string, request: StoredRequest): PackedQuery {
  if (text === request.query) return packedQueryOf(request);
  if (text === request.body) return request.body;
  return text;
}

export function compactHit(
  hit: HitDto,
  request: StoredRequest,
  seq: number,
  pools: ValuePools,
  paramsOf: ParamsOf,
): CompactHit {
  const own: CompactOwnFields = {
    userAgent: pools.string(hit.userAgent),
    rawQuery: sharedText(hit.rawQuery, request),
    issues: hit.issues.length === 0 ? NO_ISSUES : hit.issues,
    device: pools.deviceOf(hit.device, storedDevice),
  };
  if (keepsParams(hit, request)) own.params = keptParams(hit.params, pools);
  if (isObjectEntry(hit)) own.objectEntry = true;
  const order = recordedOrderKey(hit);
  if (order) own.order = order;
  return pooledSummary(new CompactHit(hit, own, request, seq, paramsOf), pools);
}

/**
 * Summaries repeat from hit to hit (a page title, an event's category and action): each hit
 * of the same text shares one copy instead of holding its own.
 */
function pooledSummary(hit: CompactHit, pools: ValuePools): CompactHit {
  hit.summary = pools.string(hit.summary);
  return hit;
}

/** The device without its user agent, which the hit keeps as `userAgent`. */
function storedDevice(device: DeviceInfo): StoredDevice {
  const { userAgent: _userAgent, ...rest } = device;
  return rest;
}

/** A data file hit back in memory, sharing its request's strings. */
export function hydrateHit(
  line: StoredHitLine,
  request: StoredRequest,
  seq: number,
  pools: ValuePools,
  paramsOf: ParamsOf,
): CompactHit {
  const own: CompactOwnFields = {
    userAgent: pools.string(line.userAgent),
    rawQuery:
      line.sameAs === 'query'
        ? packedQueryOf(request)
        : line.sameAs === 'body'
          ? request.body
          : (line.rawQuery ?? ''),
    issues: line.issues.length === 0 ? NO_ISSUES : line.issues,
  };
  if (line.params) own.params = keptParams(line.params, pools);
  if (line.device) own.device = pools.device(line.device);
  if (line.objectEntry) own.objectEntry = true;
  if (line.order) own.order = line.order;
  return pooledSummary(new CompactHit(line, own, request, seq, paramsOf), pools);
}

/** The full hit: the compact fields, the request's, and the derived views. */
export function toHitDto(
  hit: CompactHit,
  derived: Pick<HitDto, 'occurrences' | 'decoded' | 'device'>,
  params: HitDto['params'] = hit.params,
): HitDto {
  // Typed without the declared fields, so a new HitDto field that is neither declared nor
  // set here is a compile error.
  const rest: Omit<HitDto, StoredHitField> = {
    receivedAt: hit.receivedAt,
    requestId: hit.requestId,
    batchSize: hit.batchSize,
    transport: hit.transport,
    method: hit.method,
    path: hit.path,
    remoteAddress: hit.remoteAddress,
    userAgent: hit.userAgent,
    params,
    occurrences: derived.occurrences,
    rawQuery: hit.rawQuery,
    decoded: derived.decoded,
    issues: hit.issues,
    device: derived.device,
    status: hit.status,
    imported: hit.imported,
  };
  const dto = rest as HitDto;
  copyStoredHitFields(dto, hit);
  if (hit.run !== undefined) dto.run = hit.run;
  return dto;
}
