// Replaying captured hits: the same request again (to this server or another target),
// optionally with fresh volatile values, or opened in the composer for editing. The hit's
// raw query is resent byte for byte unless values are regenerated, so what was captured is
// what is replayed; the user agent goes along, since Matomo reads the device and the bot
// check from it.
import type { HitDto, SendRequestDto } from '../../../../shared/api/types';
import { templateForHitType } from '../../../../shared/matomo/templates';
import type { VolatileRegenerator } from '../../../../shared/matomo/volatile';
import { draftFromPairs, type ComposerDraft } from './draft';
import { FORM_CONTENT_TYPE } from './send-plan';
import { decodeQuery } from './query-codec';

export type ReplayHit = Pick<HitDto, 'rawQuery' | 'transport' | 'path' | 'userAgent' | 'type'>;

function replayHeaders(hit: ReplayHit): Record<string, string> {
  return hit.userAgent ? { 'user-agent': hit.userAgent } : {};
}

/** The path to replay to: the hit's own tracking path on the target. */
function replayPath(hit: ReplayHit): string {
  return /^\/[^\s?#]*$/.test(hit.path) ? hit.path : '/matomo.php';
}

/** One captured hit as a single request, in the transport it came with. */
export function replayRequest(
  hit: ReplayHit,
  target: string,
  regenerator?: VolatileRegenerator,
): SendRequestDto {
  const query = regenerator ? regenerator.regenerateQuery(hit.rawQuery) : hit.rawQuery;
  const base = { target, path: replayPath(hit), headers: replayHeaders(hit) };
  // A form POST is replayed as a form POST; a beacon (POST, parameters in the URL) as one;
  // GET hits and entries of a bulk as GET.
  if (hit.transport === 'post') {
    return {
      ...base,
      method: 'POST',
      body: query,
      headers: { ...base.headers, 'content-type': FORM_CONTENT_TYPE },
    };
  }
  if (hit.transport === 'beacon') return { ...base, method: 'POST', query };
  return { ...base, method: 'GET', query };
}

/** Captured hits as the `requests` items of one bulk, in the order given. */
export function replayBulkItems(
  hits: readonly ReplayHit[],
  regenerator?: VolatileRegenerator,
): string[] {
  return hits.map(
    (hit) => `?${regenerator ? regenerator.regenerateQuery(hit.rawQuery) : hit.rawQuery}`,
  );
}

/** A captured hit opened in the composer: its parameters, kind, method, path and user agent. */
export function draftFromHit(hit: ReplayHit): ComposerDraft {
  return draftFromPairs(decodeQuery(hit.rawQuery).pairs, {
    template: templateForHitType(hit.type),
    method: hit.transport === 'post' ? 'POST' : 'GET',
    path: replayPath(hit),
    headers: replayHeaders(hit),
  });
}
