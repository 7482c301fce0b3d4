// The compact forms of requests and hits, shared by the data file (one JSON line per HTTP
// request) and memory. A hit keeps what tables, filters and counts need; the bulky
// per-parameter views (occurrences, decoded values, device) are derived again from the
// raw request when a hit is read, so 100,000 hits fit in a few hundred megabytes. Fields
// that belong to the carrying request are read through it, never copied per hit.
import type { HitDto, RequestRecordDto } from '../../../shared/api/types';
import type { DeviceInfo } from '../../../shared/matomo/types';
import { unpacked, type PackedQuery } from './packed-query';
import { copyStoredHitFields } from './stored-hit-copy';
import type { StoredHitField, StoredHitFields } from './stored-hit-fields';

/** The device detected when the hit arrived; its user agent is the hit's `userAgent`. */
export type StoredDevice = Omit<DeviceInfo, 'userAgent'>;

/** Format version of a data file line. */
export const LINE_VERSION = 1;

/** A request record without what can be derived (`url`, `hitIds`). */
export type StoredRequest = Omit<RequestRecordDto, 'url' | 'hitIds'> & {
  /** Number of hits the request produced. */
  hitCount: number;
};

type Params = HitDto['params'];

/**
 * Derives the parameters of a hit that does not keep them (see CompactHit); `remember: false`
 * for a hit read once (an export), whose parameters kept in a cache would only outlive it.
 */
export type ParamsOf = (hit: CompactHit, remember?: boolean) => Params;

/** The hit fields written to the data file: the declared ones (stored-hit-fields.ts) and these. */
export interface StoredHitLine extends StoredHitFields {
  userAgent: string;
  /** Only when they cannot be derived again (object bulk entries, single requests with a cut body). */
  params?: Params;
  /** Absent when it is the same text as the request's query or body (`sameAs`). */
  rawQuery?: string;
  sameAs?: 'query' | 'body';
  issues: HitDto['issues'];
  /** The bulk entry was a JSON value, not a query string: `params` is that object as sent. */
  objectEntry?: true;
  /** `idsite:ec_id` of a recorded ecommerce order (duplicate-order check). */
  order?: string;
  /** Absent in lines written before devices were stored: then it is detected again. */
  device?: StoredDevice;
}

/** What a hit in memory holds besides its declared fields. */
export type CompactOwnFields = Omit<StoredHitLine, StoredHitField | 'rawQuery' | 'sameAs'> & {
  rawQuery: PackedQuery;
};

/** Where the hit's raw query is the same text as its request's, which the line then names. */
export function sameTextAs(rawQuery: string, request: StoredRequest): 'query' | 'body' | undefined {
  if (rawQuery === request.query) return 'query';
  if (rawQuery === request.body && request.bodyEncoding === 'utf8') return 'body';
  return undefined;
}

// The declared fields are own properties of every CompactHit, set by copyStoredHitFields:
// they are typed through this interface, which merges with the class of the same name.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging
export interface CompactHit extends StoredHitFields {}

/**
 * A hit in memory. Its parameters are usually not kept: the raw query (or the stored request)
 * holds them, and they are parsed again when read, which halves the memory of a hit. The
 * carrying request and arrival position are private fields, which JSON leaves out.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class CompactHit {
  userAgent: string;
  issues: HitDto['issues'];
  declare objectEntry?: true;
  declare order?: string;
  declare device?: StoredDevice;
  readonly #request: StoredRequest;
  /** The raw query as kept (packed-query.ts): the request's own when it is the same text. */
  readonly #rawQuery: PackedQuery;
  #seq: number;
  readonly #params: Params | undefined;
  readonly #paramsOf: ParamsOf;

  /** `stored` gives the declared fields (a HitDto or a data file line), `own` the rest. */
  constructor(
    stored: StoredHitFields,
    own: CompactOwnFields,
    request: StoredRequest,
    seq: number,
    paramsOf: ParamsOf,
  ) {
    this.userAgent = own.userAgent;
    this.#rawQuery = own.rawQuery;
    this.issues = own.issues;
    copyStoredHitFields(this, stored);
    if (own.objectEntry) this.objectEntry = true;
    if (own.order) this.order = own.order;
    if (own.device) this.device = own.device;
    this.#request = request;
    this.#seq = seq;
    this.#params = own.params;
    this.#paramsOf = paramsOf;
  }

  /** The raw query as received (bulk entry or query string). */
  get rawQuery(): string {
    return unpacked(this.#rawQuery);
  }

  /** The raw query as kept: the very value its request keeps when they are the same text. */
  get packedRawQuery(): PackedQuery {
    return this.#rawQuery;
  }

  /** The parameters kept in memory, when they cannot be parsed again (memory accounting). */
  get keptParams(): Params | undefined {
    return this.#params;
  }

  /** Effective parameters (kept, or parsed again from what was received). */
  get params(): Params {
    return this.#params ?? this.#paramsOf(this);
  }

  /**
   * The same for a hit read once (an export): parsed again, they are not cached. Cached, the
   * parameters of 300,000 hits each outlived a few young-generation collections, were copied
   * by each and moved to the old generation: most of what those collections did.
   */
  paramsReadOnce(): Params {
    return this.#params ?? this.#paramsOf(this, false);
  }

  /** The data file line of this hit (what `JSON.stringify` writes). */
  toJSON(): StoredHitLine {
    return this.lineAgainst(this.#request);
  }

  /**
   * The line of this hit in the line of `request`: the whole request when the hit is kept
   * against the same request without its body (body-on-disk.ts), whose text it must not
   * claim to share.
   */
  lineAgainst(request: StoredRequest): StoredHitLine {
    const own: Omit<StoredHitLine, StoredHitField> = {
      userAgent: this.userAgent,
      issues: this.issues,
    };
    const line = own as StoredHitLine;
    copyStoredHitFields(line, this);
    if (this.#params) line.params = this.#params;
    const sameAs = sameTextAs(this.rawQuery, request);
    if (sameAs) line.sameAs = sameAs;
    else line.rawQuery = this.rawQuery;
    if (this.objectEntry) line.objectEntry = true;
    if (this.order) line.order = this.order;
    if (this.device) line.device = this.device;
    return line;
  }

  /** Position in arrival order (cursor for paging). */
  get seq(): number {
    return this.#seq;
  }

  /**
   * Places a hit not yet indexed at its final arrival position: a request stored in slices
   * may be overtaken by others, and copying its thousands of hits again would hold the server.
   */
  moveTo(seq: number): void {
    this.#seq = seq;
  }
  get request(): StoredRequest {
    return this.#request;
  }
  get receivedAt(): string {
    return this.#request.receivedAt;
  }
  get requestId(): string {
    return this.#request.id;
  }
  get batchSize(): number {
    return this.#request.hitCount;
  }
  get transport(): HitDto['transport'] {
    return this.#request.transport;
  }
  get method(): string {
    return this.#request.method;
  }
  get path(): string {
    return this.#request.path;
  }
  get remoteAddress(): string {
    return this.#request.remoteAddress;
  }
  get status(): number {
    return this.#request.response.status;
  }
  get imported(): boolean {
    return this.#request.imported !== undefined;
  }
  get run(): string | undefined {
    return this.#request.run;
  }
}

export interface StoredLine {
  v: number;
  request: StoredRequest;
  hits: StoredHitLine[];
}

/** Hit id: the request id and the position in its bulk, so a request lists its hits without storing ids. */
export function hitIdOf(requestId: string, index: number): string {
  return `${requestId}.${index}`;
}

/**
 * The request id and position a hit id names (hitIdOf read back), or null when `id` cannot be
 * one; the position is -1 when the id's tail is not one (the request's hits are then walked).
 */
export function splitHitId(id: string): { requestId: string; index: number } | null {
  const dot = id.lastIndexOf('.');
  if (dot <= 0) return null;
  const index = Number(id.slice(dot + 1));
  return { requestId: id.slice(0, dot), index: Number.isInteger(index) && index >= 0 ? index : -1 };
}

/**
 * The request as the API gives it. `lost`: the positions (ascending) of its hits that could
 * not be read back (lost-hits.ts), named in `lostHitIds` rather than `hitIds`.
 */
export function toRequestDto(
  request: StoredRequest,
  lost: readonly number[] = [],
): RequestRecordDto {
  const { hitCount, ...rest } = request;
  const hitIds: string[] = new Array<string>(hitCount);
  const lostHitIds: string[] = [];
  let next = 0;
  for (let i = 0; i < hitCount; i++) {
    if (lost[next] === i) {
      lostHitIds.push(hitIdOf(request.id, i));
      next++;
    } else hitIds[i - next] = hitIdOf(request.id, i);
  }
  hitIds.length -= next;
  const query = request.query; // A kept request joins it on read: not among `rest`.
  return {
    ...rest,
    query,
    url: query ? `${request.path}?${query}` : request.path,
    hitIds,
    ...(lostHitIds.length > 0 ? { lostHitIds } : {}),
  };
}

/** Parses a data file line; throws on anything that is not a line this version wrote. */
export function decodeLine(text: string): StoredLine {
  return checkedLine(JSON.parse(text) as StoredLine);
}

/** The parsed line, or an error when it is not a line this version wrote. */
export function checkedLine(line: StoredLine): StoredLine {
  if (
    typeof line !== 'object' ||
    line === null ||
    line.v !== LINE_VERSION ||
    typeof line.request?.id !== 'string' ||
    !Array.isArray(line.hits)
  ) {
    throw new Error('not a Hitscope data line');
  }
  return line;
}
