// Values a tracker makes up per request, and how to make them up again when a request is
// composed or replayed:
// - `r`: cache buster, ignored by Matomo (docs/tracking-protocol.md#core-parameters); the JS tracker sends 6 random digits.
// - `h`, `m`, `s`: the visitor's local time; missing or non-int parts fall back to the server
//   clock (docs/tracking-protocol.md#visitor-parameters).
// - `pv_id`: 6 characters of [a-zA-Z0-9] tying events, pings and performance timings to
//   their page view (docs/tracking-protocol.md#action-parameters). Replayed together, hits that shared a pv_id must keep
//   sharing one, so regeneration maps each old id to one new id.
// - `_id`: 16 hex characters, the visitor id (docs/tracking-protocol.md#core-parameters). Kept on replay unless the user
//   asks for a new visitor, mapped the same way.
// Randomness is injected so tests are deterministic; it is not used for anything secret.
import { decodeComponent } from './query-string';

export type Random = () => number;

const HEX = '0123456789abcdef';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function pick(alphabet: string, length: number, random: Random): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(random() * alphabet.length)];
  return out;
}

/** A visitor id as the JS tracker makes one: 16 lowercase hex characters. */
export function freshVisitorId(random: Random = Math.random): string {
  return pick(HEX, 16, random);
}

/** A page view id as the JS tracker makes one: 6 characters of [a-zA-Z0-9]. */
export function freshPageviewId(random: Random = Math.random): string {
  return pick(ALNUM, 6, random);
}

/** The cache buster as the JS tracker sends it: 6 random digits. */
export function freshCacheBuster(random: Random = Math.random): string {
  return String(Math.floor(random() * 1_000_000)).padStart(6, '0');
}

/** `h`, `m`, `s` for a moment in the sender's local time, as the JS tracker sends them. */
export function localTimeParams(date: Date): { h: string; m: string; s: string } {
  return {
    h: String(date.getHours()),
    m: String(date.getMinutes()),
    s: String(date.getSeconds()),
  };
}

export interface RegenerateOptions {
  /** New `r` on every request. */
  cacheBuster: boolean;
  /** New `h`, `m`, `s` (the time of sending). */
  localTime: boolean;
  /** New `pv_id`s, one new id per distinct old id. */
  pageviewIds: boolean;
  /** New `_id`s (a new visitor), one per distinct old id; visitor ids are kept otherwise. */
  visitorIds: boolean;
}

export const DEFAULT_REGENERATE: RegenerateOptions = {
  cacheBuster: true,
  localTime: true,
  pageviewIds: true,
  visitorIds: false,
};

/** Keeps the old → new id maps across the requests of one replay. */
export class VolatileRegenerator {
  private readonly pvIds = new Map<string, string>();
  private readonly visitorIds = new Map<string, string>();

  constructor(
    private readonly options: RegenerateOptions,
    private readonly now: () => Date = () => new Date(),
    private readonly random: Random = Math.random,
  ) {}

  /** The replacements for one request whose current values are `current` (decoded). */
  replacements(current: Record<string, string | undefined>): Record<string, string> {
    const out: Record<string, string> = {};
    const o = this.options;
    if (o.cacheBuster && current.r !== undefined) out.r = freshCacheBuster(this.random);
    if (o.cacheBuster && current.rand !== undefined) out.rand = freshCacheBuster(this.random);
    if (
      o.localTime &&
      (current.h !== undefined || current.m !== undefined || current.s !== undefined)
    ) {
      Object.assign(out, localTimeParams(this.now()));
    }
    if (o.pageviewIds && current.pv_id !== undefined) {
      out.pv_id = mapped(this.pvIds, current.pv_id, () => freshPageviewId(this.random));
    }
    if (o.visitorIds && current._id !== undefined) {
      out._id = mapped(this.visitorIds, current._id, () => freshVisitorId(this.random));
    }
    return out;
  }

  /** The same request as a query string with the volatile values replaced in place. */
  regenerateQuery(rawQuery: string): string {
    const current: Record<string, string> = Object.create(null) as Record<string, string>;
    for (const segment of rawQuery.split('&')) {
      const eq = segment.indexOf('=');
      if (eq < 0) continue;
      current[safeDecode(segment.slice(0, eq))] = safeDecode(segment.slice(eq + 1));
    }
    return replaceQueryValues(rawQuery, this.replacements(current));
  }
}

function mapped(map: Map<string, string>, old: string, make: () => string): string {
  let value = map.get(old);
  if (value === undefined) {
    value = make();
    map.set(old, value);
  }
  return value;
}

/** A name or value as PHP decodes it (query-string.ts): malformed escapes stay literal. */
function safeDecode(text: string): string {
  return decodeComponent(text).text;
}

/**
 * Replaces the values of the named parameters in a raw query string, leaving every other
 * byte as it was (order, encoding, duplicates, odd segments). A name that is not there is
 * appended. Names are compared after percent-decoding, as Matomo reads them.
 */
export function replaceQueryValues(rawQuery: string, values: Record<string, string>): string {
  const pending = new Map(Object.entries(values));
  if (pending.size === 0) return rawQuery;
  const segments = rawQuery === '' ? [] : rawQuery.split('&');
  const out = segments.map((segment) => {
    const eq = segment.indexOf('=');
    const name = safeDecode(eq < 0 ? segment : segment.slice(0, eq));
    if (!Object.prototype.hasOwnProperty.call(values, name)) return segment;
    pending.delete(name);
    const rawName = eq < 0 ? segment : segment.slice(0, eq);
    return `${rawName}=${encodeURIComponent(values[name]!)}`;
  });
  for (const [name, value] of pending) {
    out.push(`${encodeURIComponent(name)}=${encodeURIComponent(value)}`);
  }
  return out.join('&');
}

/**
 * Parameters whose values change from one page load or test run to the next without the
 * tracking being different: the ones regenerated above (`r`, `rand`, `h`/`m`/`s`, `pv_id`,
 * `_id`), the visitor's stored timestamps and counters (`_idts`, `_viewts`, `_idvc`,
 * `_ects`, `_refts`), the send time (`cdt`, `cdo`) and the measured timings (`gt_ms`,
 * `pf_*`). Comparisons of captures (`hitscope diff`) leave them out.
 */
export const VOLATILE_PARAMS: readonly string[] = [
  'r',
  'rand',
  'h',
  'm',
  's',
  'pv_id',
  '_id',
  '_idts',
  '_viewts',
  '_idvc',
  '_ects',
  '_refts',
  'cdt',
  'cdo',
  'gt_ms',
  'pf_net',
  'pf_srv',
  'pf_tfr',
  'pf_dm1',
  'pf_dm2',
  'pf_onl',
];
