// The visitor id Matomo would store for a hit (docs/tracking-protocol.md#core-parameters, #visitor-parameters), with the default
// configuration (a user id overwrites the visitor id): uid first — the first 16 hex digits of
// sha1(uid) —, then a forced cid of 16 bytes, then the tracker's _id of at least 16
// (core/Tracker/Request.php, getVisitorId). Each is read sanitised (& as &amp;, …): lengths,
// the text hashed and the bytes decoded are those of the escaped text. Ids are hex-decoded,
// so upper case reads as lower case and every other byte as 0.
import { readString } from './coerce';
import { phpEmpty } from './php-text';
import { byteLength, sanitizeText } from './sanitize';
import { sha1Hex } from './sha1';
import type { ParamValue } from './types';
import { encodeUtf8 } from './utf8';

export interface VisitorId {
  /** 16 lower-case hexadecimal characters. */
  id: string;
  source: 'uid' | 'cid' | '_id';
}

/** The length of a visitor id in hexadecimal digits (Tracker::LENGTH_HEX_ID_STRING). */
const HEX_ID_LENGTH = 16;

const HEX_DIGIT = /^[0-9a-f]$/;
const NOT_HEX = /[^0-9a-f]/g;
// eslint-disable-next-line no-control-regex -- every character of one byte in UTF-8
const ASCII = /^[\u0000-\u007f]*$/;

/**
 * PHP `pack('H*')` of the first 16 bytes of a sanitised id, written back as hex: a byte that is
 * not a hex digit reads as 0 (docs/tracking-protocol.md#core-parameters).
 */
export function asHexId(escaped: string): string {
  const head = escaped.slice(0, HEX_ID_LENGTH);
  // Nearly every id is ASCII: its characters are its bytes.
  if (ASCII.test(head)) return head.toLowerCase().replace(NOT_HEX, '0');
  let hex = '';
  for (const byte of encodeUtf8(escaped).subarray(0, HEX_ID_LENGTH)) {
    const digit = String.fromCharCode(byte).toLowerCase();
    hex += HEX_DIGIT.test(digit) ? digit : '0';
  }
  return hex;
}

/** A parameter as Matomo reads it for the visitor id: sanitised text, or "" when not text. */
const escapedText = (value: ParamValue | undefined): string => {
  const read = readString(value);
  return read.ok ? sanitizeText(read.value) : '';
};

/**
 * The byte length of a forced visitor id (cid) that Matomo refuses with a 400 because it is not
 * 16, or null when it is fine or not looked at: cid counts only when not PHP empty() ("0" is not
 * sent), and only when uid, a PHP-truthy text ("0" is not), does not take precedence.
 */
export function refusedCidLength(params: Record<string, ParamValue>): number | null {
  const cid = escapedText(params.cid);
  if (phpEmpty(cid) || !phpEmpty(escapedText(params.uid))) return null;
  const bytes = byteLength(cid);
  return bytes === HEX_ID_LENGTH ? null : bytes;
}

/** The visitor id, or null when Matomo would derive one itself (from IP and device). */
export function visitorId(params: Record<string, ParamValue>): VisitorId | null {
  const uid = escapedText(params.uid);
  if (!phpEmpty(uid)) return { id: sha1Hex(uid).slice(0, HEX_ID_LENGTH), source: 'uid' };
  // uid is empty here: a cid that is sent counts when it is 16 bytes (refusedCidLength).
  const cid = escapedText(params.cid);
  if (!phpEmpty(cid) && byteLength(cid) === HEX_ID_LENGTH) {
    return { id: asHexId(cid), source: 'cid' };
  }
  const id = escapedText(params._id);
  if (byteLength(id) >= HEX_ID_LENGTH) return { id: asHexId(id), source: '_id' };
  return null;
}
