// Time parameters: the custom hit time (cdt, cdo) and the visitor's local time (h, m, s).
// Matomo reads a numeric cdt as Unix seconds and anything else with PHP's strtotime in UTC
// (core/Tracker/Request.php lines 501–557): php-strtotime.ts reads the same texts.
import { isPhpNumeric, isUnset, readInt, readString } from './coerce';
import { phpStrtotime } from './php-strtotime';
import type { ParamValue } from './types';

/** A custom time is ignored when in the future or older than this (docs/tracking-protocol.md#custom-time). */
export const MAX_CUSTOM_TIME_AGE = 20 * 365 * 86400;
/** From this age on, a custom time needs a valid token_auth (docs/tracking-protocol.md#custom-time, default config). */
export const AUTH_FREE_CUSTOM_TIME_AGE = 86400;

/** Unix seconds of a date string as PHP's strtotime reads it in UTC, or null (false). */
export function parseDateString(text: string, nowSeconds: number): number | null {
  return phpStrtotime(text, nowSeconds);
}

/** The last time formatted: the hits of a bulk often repeat one (e.g. the same _refts). */
let lastSeconds = NaN;
let lastText = '';

/** `2024-10-24 12:00:00 UTC`. */
export function formatUtc(seconds: number): string {
  if (seconds === lastSeconds) return lastText;
  const date = new Date(seconds * 1000);
  if (Number.isNaN(date.getTime())) return String(seconds);
  const text = `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
  lastSeconds = seconds;
  lastText = text;
  return text;
}

/** Reads cdt alone: Unix seconds (PHP numeric) or a date string; null when unreadable. */
export function readCdt(value: ParamValue | undefined, nowSeconds: number): number | null {
  if (isPhpNumeric(value)) return Math.trunc(Number(String(value).trim()));
  const text = readString(value);
  return text.ok ? parseDateString(text.value, nowSeconds) : null;
}

export type CustomTime =
  /** Neither cdt nor cdo set: the hit is dated when received. */
  | { status: 'none' }
  /** cdt cannot be read as a time: ignored. */
  | { status: 'unreadable'; param: 'cdt' }
  /** In the future or older than 20 years: ignored, the current time is used. */
  | { status: 'ignored'; seconds: number; reason: 'future' | 'too_old' }
  /** Used; `ageSeconds` decides whether token_auth is needed. */
  | { status: 'used'; seconds: number; ageSeconds: number; param: 'cdt' | 'cdo' };

/**
 * The hit time Matomo would use (docs/tracking-protocol.md#authenticated-overrides, #custom-time): cdt (or now when only cdo is given),
 * minus |cdo|; valid only in (now − 20 years, now].
 */
export function customTime(params: Record<string, ParamValue>, nowSeconds: number): CustomTime {
  const cdtRaw = params.cdt;
  const cdoRaw = params.cdo;
  if ((cdtRaw === undefined || cdtRaw === null) && (cdoRaw === undefined || cdoRaw === null)) {
    return { status: 'none' };
  }
  const cdo = readInt(cdoRaw);
  const offset = cdo.ok ? Math.abs(cdo.value) : 0;
  // PHP empty(): "", "0" and a missing cdt mean "no custom date".
  const cdtEmpty = isUnset(cdtRaw) || cdtRaw === '0' || cdtRaw === 0;
  if (cdtEmpty && offset === 0) return { status: 'none' };
  let base: number | null = nowSeconds;
  if (!cdtEmpty) {
    base = readCdt(cdtRaw, nowSeconds);
    if (base === null) return { status: 'unreadable', param: 'cdt' };
  }
  const seconds = base - offset;
  if (seconds > nowSeconds) return { status: 'ignored', seconds, reason: 'future' };
  if (seconds <= nowSeconds - MAX_CUSTOM_TIME_AGE) {
    return { status: 'ignored', seconds, reason: 'too_old' };
  }
  return {
    status: 'used',
    seconds,
    ageSeconds: nowSeconds - seconds,
    param: cdtEmpty ? 'cdo' : 'cdt',
  };
}

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * The visitor local time Matomo stores (docs/tracking-protocol.md#visitor-parameters): each of h, m, s that is missing or not
 * an integer takes the server clock's part; one out of range becomes 00.
 */
export function localTime(params: Record<string, ParamValue>, hitSeconds: number): string {
  const clock = new Date(hitSeconds * 1000);
  const parts: [string, number, number][] = [
    ['h', clock.getUTCHours(), 23],
    ['m', clock.getUTCMinutes(), 59],
    ['s', clock.getUTCSeconds(), 59],
  ];
  return parts
    .map(([name, fallback, max]) => {
      const read = readInt(params[name]);
      const value = read.ok ? read.value : fallback;
      return pad(value < 0 || value > max ? 0 : value);
    })
    .join(':');
}
