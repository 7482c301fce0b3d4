// The visitor id Matomo would store for a hit (docs/tracking-protocol.md#core-parameters, #visitor-parameters), with the default
// configuration (a user id overwrites the visitor id): uid first — the first 16 hex digits of
// sha1(uid) —, then a forced cid of 16 characters, then the tracker's _id of at least 16.
// Ids are hex-decoded, so upper case reads as lower case and non-hex digits as 0.
import { readString } from './coerce';
import { sha1Hex } from './sha1';
import type { ParamValue } from './types';

export interface VisitorId {
  /** 16 lower-case hexadecimal characters. */
  id: string;
  source: 'uid' | 'cid' | '_id';
}

/** Hex-decodes like PHP `pack('H*')` then re-encodes: non-hex digits read as 0 (docs/tracking-protocol.md#core-parameters). */
export const asHexId = (text: string): string => text.toLowerCase().replace(/[^0-9a-f]/g, '0');

const text = (value: ParamValue | undefined): string => {
  const read = readString(value);
  return read.ok ? read.value : '';
};

/** The visitor id, or null when Matomo would derive one itself (from IP and device). */
export function visitorId(params: Record<string, ParamValue>): VisitorId | null {
  const uid = text(params.uid);
  if (uid !== '') return { id: sha1Hex(uid).slice(0, 16), source: 'uid' };
  const cid = text(params.cid);
  if (cid !== '' && [...cid].length === 16) return { id: asHexId(cid), source: 'cid' };
  const id = text(params._id);
  if ([...id].length >= 16) return { id: asHexId([...id].slice(0, 16).join('')), source: '_id' };
  return null;
}
