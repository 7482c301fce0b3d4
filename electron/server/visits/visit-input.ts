// What the visit engine reads of a stored hit: a hit as the API serves it (as analysed on
// arrival, with its decoded values), or as the store keeps it in memory (its parameters
// parsed again, nothing re-analysed).
import type { HitDto } from '../../../shared/api/types';
import type { DecodedValues, VisitHitInput } from '../../../shared/visits';

export type VisitSource = Pick<
  HitDto,
  | 'id'
  | 'receivedAt'
  | 'outcome'
  | 'type'
  | 'idsite'
  | 'params'
  | 'remoteAddress'
  | 'userAgent'
  | 'issues'
> & { device?: VisitHitInput['device'] | undefined; decoded?: DecodedValues | undefined };

/**
 * `decoded`: the values read for the checks of a hit that does not bring its own; `params`:
 * the hit's, when already at hand (a stored hit's are parsed again when read).
 */
export function visitInputOf(
  hit: VisitSource,
  headers: Record<string, string> | undefined,
  decoded: DecodedValues | undefined = hit.decoded,
  params: VisitSource['params'] = hit.params,
): VisitHitInput {
  const input: VisitHitInput = {
    id: hit.id,
    receivedAt: hit.receivedAt,
    outcome: hit.outcome,
    type: hit.type,
    idsite: hit.idsite,
    params,
    remoteAddress: hit.remoteAddress,
    userAgent: hit.userAgent,
    issues: hit.issues,
  };
  if (hit.device) input.device = hit.device;
  if (decoded) input.decoded = decoded;
  const language = headers?.['accept-language'];
  if (language) input.acceptLanguage = language;
  return input;
}
