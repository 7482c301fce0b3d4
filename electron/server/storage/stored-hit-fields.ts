// The hit fields a stored hit keeps exactly as its HitDto has them: declaring a field here is
// all the storage needs. The hit in memory (CompactHit), its data file line, the reading of
// that line and the HitDto rebuilt from either follow from this list (stored-hit-copy.ts).
// Not listed are the fields the store treats in its own way: the user agent (pooled), the raw
// query (shared with the request's query or body), the issues (one frozen empty list), the
// parameters (parsed again on read), the device (pooled, absent in older lines), the fields
// read through the carrying request and the views derived again on read (derive-hit.ts).
//
// A listed value is JSON (string, number, boolean, null, or an object or array of those);
// `undefined` means absent: the field is then left out of the line and of the HitDto.
import type { HitDto } from '../../../shared/api/types';

export const STORED_HIT_FIELDS = [
  'id',
  'index',
  'type',
  'outcome',
  'summary',
  'idsite',
] as const satisfies readonly (keyof HitDto)[];

export type StoredHitField = (typeof STORED_HIT_FIELDS)[number];

/** The declared fields of a hit, as a HitDto, a CompactHit and a stored line all have them. */
export type StoredHitFields = Pick<HitDto, StoredHitField>;
