// Turning full DTOs into the compact in-memory form and back. The compact hit drops the
// per-parameter views (occurrences, decoded values, device), which a HitDeriver rebuilds
// from the raw request when the hit is read; recent full hits stay in a small cache so the
// first pages of the UI cost nothing to read.
import type { HitDto } from '../../../shared/api/types';
import { paramValueText } from '../../../shared/api/hit-filter';
import type { Issue } from '../../../shared/matomo/types';
import type { CompactHit, StoredRequest } from './stored-record';
import type { ValuePools } from './string-pool';

/** Rebuilds what a compact hit left out; `request` is absent only for a corrupt store. */
export type HitDeriver = (
  hit: CompactHit,
  request: StoredRequest | undefined,
) => Pick<HitDto, 'occurrences' | 'decoded' | 'device'>;

const NO_ISSUES: Issue[] = Object.freeze([]) as unknown as Issue[];

export function compactRequest(request: StoredRequest, pools: ValuePools): StoredRequest {
  const compact: StoredRequest = {
    ...request,
    receivedAt: pools.string(request.receivedAt),
    method: pools.string(request.method),
    path: pools.string(request.path),
    headers: pools.record(request.headers),
    remoteAddress: pools.string(request.remoteAddress),
    issues: request.issues.length === 0 ? NO_ISSUES : request.issues,
    response: {
      ...request.response,
      headers: pools.record(request.response.headers),
      body:
        request.response.body.length <= 512
          ? pools.string(request.response.body)
          : request.response.body,
    },
  };
  return compact;
}

/** True when a bulk entry arrived as a JSON value (object) rather than a query string. */
function isObjectEntry(hit: HitDto): boolean {
  if (hit.transport !== 'bulk') return false;
  const first = hit.occurrences[0];
  return first ? first.raw === undefined : hit.rawQuery === '';
}

function orderKey(hit: HitDto): string | undefined {
  if (hit.type !== 'ecommerce_order' || hit.outcome !== 'recorded' || hit.idsite === null) {
    return undefined;
  }
  const ecId = paramValueText(hit.params.ec_id);
  return ecId === '' ? undefined : `${hit.idsite}:${ecId}`;
}

export function compactHit(
  hit: HitDto,
  request: StoredRequest,
  seq: number,
  pools: ValuePools,
): CompactHit {
  const compact: CompactHit = {
    id: hit.id,
    receivedAt: request.receivedAt,
    requestId: request.id,
    index: hit.index,
    batchSize: hit.batchSize,
    transport: hit.transport,
    method: request.method,
    path: request.path,
    remoteAddress: request.remoteAddress,
    userAgent: pools.string(hit.userAgent),
    params: hit.params,
    rawQuery: hit.rawQuery,
    type: hit.type,
    outcome: hit.outcome,
    issues: hit.issues.length === 0 ? NO_ISSUES : hit.issues,
    summary: hit.summary,
    idsite: hit.idsite,
    seq,
  };
  if (isObjectEntry(hit)) compact.objectEntry = true;
  const order = orderKey(hit);
  if (order) compact.order = order;
  return compact;
}

/** The newest full hits by id (insertion order; the oldest goes first). */
export class FullHitCache {
  private readonly map = new Map<string, HitDto>();

  constructor(private readonly cap: number) {}

  get(id: string): HitDto | undefined {
    return this.map.get(id);
  }

  set(id: string, hit: HitDto): void {
    this.map.set(id, hit);
    if (this.map.size > this.cap) {
      const oldest = this.map.keys().next();
      if (!oldest.done) this.map.delete(oldest.value);
    }
  }

  retain(keep: (id: string) => boolean): void {
    for (const id of this.map.keys()) if (!keep(id)) this.map.delete(id);
  }

  clear(): void {
    this.map.clear();
  }
}
