// Decoders for the scalar parameter types of the catalogue: int, float, string, url,
// resolution, visitor id, token, timestamps. Each returns the value Matomo would use, a
// readable form, and the problems found (docs/tracking-protocol.md#coercion for the coercion rules).
import {
  charLength,
  readFloat,
  readInt,
  readString,
  roundMoney,
  showRaw,
  type Coerced,
} from './coerce';
import { sanitizedByteLength, storedText } from './length-rules';
import { decodedValue, NO_PROBLEMS, type DecodedValue, type Problem } from './decoded-value';
import type { ParamSpec } from './param-spec';
import { formatUtc, readCdt } from './time';
import type { ParamValue } from './types';
import { phpFloatText } from './php-numbers';
import { decodeHtmlEntities, sanitizeText } from './sanitize';
import { cleanUrl, splitUrl } from './url-parts';
import { asHexId } from './visitor';

/**
 * Parameters Matomo rounds to cents (docs/tracking-protocol.md#events-goals-ecommerce): the
 * Ecommerce revenue columns. A product view's price (_pkp) is stored as sent.
 */
const MONEY = new Set(['revenue', 'ec_st', 'ec_tx', 'ec_sh', 'ec_dt']);
const LOCAL_TIME = new Set(['h', 'm', 's']);
const HEX_ID = /^[0-9a-fA-F]{16}$/;
const RESOLUTION = /^([0-9]+)x([0-9]+)$/;

const quoted = (raw: ParamValue): string => `"${showRaw(raw)}"`;

/**
 * The decoded value of a parameter its reader refused: nothing when it was missing or empty,
 * otherwise ignored with the problem `message` describes. The message is built only here, for
 * the few values that need it.
 */
function refused(
  reason: Extract<Coerced<unknown>, { ok: false }>['reason'],
  code: Problem['code'],
  message: () => string,
): DecodedValue {
  if (reason === 'missing' || reason === 'empty') return decodedValue(undefined, '(empty)');
  return decodedValue(undefined, '(ignored)', [{ code, message: message() }]);
}

function fallbackText(name: string, spec: ParamSpec): string {
  if (LOCAL_TIME.has(name)) return 'the server clock instead';
  if (spec.defaultValue === undefined) return 'no value';
  return `the default ${JSON.stringify(spec.defaultValue)}`;
}

export function decodeInt(name: string, spec: ParamSpec, raw: ParamValue): DecodedValue {
  const read = readInt(raw);
  if (!read.ok) {
    return refused(
      read.reason,
      'value.not_int',
      () => `${name}=${quoted(raw)} is not an integer; Matomo uses ${fallbackText(name, spec)}.`,
    );
  }
  const value = read.value;
  const max = spec.range?.max;
  // Local time parts out of range are stored as 00 (docs/tracking-protocol.md#visitor-parameters, #acceptance-cases case 19).
  if (LOCAL_TIME.has(name) && (value < 0 || (max !== undefined && value > max))) {
    return decodedValue(0, '00', [
      {
        code: 'time.out_of_range',
        message: `${name}=${value} is outside 0–${max}; Matomo stores 00.`,
      },
    ]);
  }
  // pf_*: -1 means "not measured"; above 16777215 the value is ignored (docs/tracking-protocol.md#action-parameters).
  if (name.startsWith('pf_')) {
    if (value === -1) return decodedValue(undefined, 'not measured');
    if (max !== undefined && value > max) {
      return decodedValue(undefined, '(ignored)', [
        {
          code: 'value.out_of_range',
          message: `${name}=${value} ms is above ${max}; Matomo ignores it.`,
        },
      ]);
    }
    return decodedValue(value, `${value} ms`);
  }
  // search_count is used only when ≥ 0 (docs/tracking-protocol.md#action-parameters); -1 is its "unknown" default.
  if (name === 'search_count' && value < 0) {
    const problems: Problem[] =
      value === -1
        ? []
        : [
            {
              code: 'value.out_of_range',
              message: `search_count=${value} is negative; Matomo ignores it.`,
            },
          ];
    return decodedValue(undefined, 'unknown', problems);
  }
  return decodedValue(value, String(value));
}

/**
 * Floats (core/Tracker/Request.php lines 391–407: e_v, ec_st, ec_tx, ec_sh, ec_dt and _pkp
 * default to false; revenue to the goal's own revenue, core/Tracker/Request.php lines
 * 364–367). A value that fails Common::getRequestVar's check gets the default cast to float,
 * so e_v=abc is stored as 0; one with a comma passes the check and is cut there.
 */
export function decodeFloat(name: string, spec: ParamSpec, raw: ParamValue): DecodedValue {
  const read = readFloat(raw);
  if (!read.ok) {
    if (read.reason === 'syntax' && name !== 'revenue') {
      return decodedValue(0, '0', [
        {
          code: 'value.not_number',
          message: `${name}=${quoted(raw)} is not a decimal number; Matomo stores 0 instead.`,
        },
      ]);
    }
    return refused(
      read.reason,
      'value.not_number',
      () =>
        `${name}=${quoted(raw)} is not a decimal number; Matomo uses ${name === 'revenue' ? "the goal's default revenue" : 'no value'}.`,
    );
  }
  const value = MONEY.has(name)
    ? roundMoney(read.value)
    : name === 'e_v'
      ? // ActionEvent::getEventValue trims the float, which makes it PHP's text of it.
        Number(phpFloatText(read.value))
      : read.value;
  if (typeof raw === 'string' && raw.indexOf(',') !== -1) {
    return decodedValue(value, String(value), [
      {
        code: 'value.not_number',
        message: `${name}=${quoted(raw)} has a comma: Matomo reads only the number before it, ${value}.`,
      },
    ]);
  }
  return decodedValue(value, String(value));
}

/** Strings (numbers from bulk objects read as their text); cut to `maxLength`. */
export function decodeText(name: string, raw: ParamValue, maxLength?: number): DecodedValue {
  const read = readString(raw);
  if (!read.ok) {
    return refused(
      read.reason,
      'value.not_string',
      () =>
        `${name} was sent as ${Array.isArray(raw) ? 'a list' : typeof raw} ${showRaw(raw)}; Matomo reads only text and uses no value.`,
    );
  }
  // A page title goes through PageUrl::cleanupString before its cut (Action::setActionName).
  const text = name === 'action_name' ? cleanUrl(read.value) : read.value;
  return truncated(name, text, maxLength);
}

function truncated(name: string, text: string, max: number | undefined): DecodedValue {
  if (max === undefined) return decodedValue(text, text);
  const { stored, cutMessage } = storedText(name, text, max);
  if (cutMessage === null) return decodedValue(stored, stored);
  return decodedValue(stored, stored, [{ code: 'value.truncated', message: cutMessage }]);
}

export function decodeUrl(name: string, spec: ParamSpec, raw: ParamValue): DecodedValue {
  const text = decodeText(name, raw);
  if (typeof text.value !== 'string') return text;
  // URLs are stored with the escaping undone (PageUrl::cleanupUrl, TableLogAction for links
  // and downloads, the referrer columns): what is left of sanitising is its entity decoding
  // (and the removal of NUL, which cleanUrl does too).
  const cleaned = cleanUrl(decodeHtmlEntities(text.value));
  const parts = splitUrl(cleaned);
  if (!parts) {
    return decodedValue(undefined, text.value, [
      {
        code: 'url.invalid',
        message: `${name}=${quoted(raw)} does not look like a URL (scheme://host/…); Matomo discards it.`,
      },
    ]);
  }
  // The length limit applies to the cleaned URL (docs/tracking-protocol.md#core-parameters).
  const cut = truncated(name, cleaned, spec.maxLength);
  const href = String(cut.value);
  // Uncut (nearly always), the cleaned URL is already split.
  const value = href === cleaned ? parts : (splitUrl(href) ?? parts);
  return decodedValue(value, href, cut.problems);
}

export function decodeResolution(name: string, spec: ParamSpec, raw: ParamValue): DecodedValue {
  const text = decodeText(name, raw, spec.maxLength);
  if (typeof text.value !== 'string') return text;
  const full = String(raw);
  const match = RESOLUTION.exec(full);
  const problems = match ? text.problems : [...text.problems];
  if (!match) {
    problems.push({
      code: 'res.format',
      message: `res=${quoted(raw)} is not WIDTHxHEIGHT (digits, a plain letter x, digits); Matomo stores "${text.value}" as it is.`,
    });
  }
  const width = match ? Number(match[1]) : null;
  const height = match ? Number(match[2]) : null;
  const display = match ? `${width} × ${height} px` : text.value;
  return decodedValue({ text: text.value, width, height }, display, problems);
}

export function decodeVisitorId(name: string, spec: ParamSpec, raw: ParamValue): DecodedValue {
  const text = decodeText(name, raw);
  if (typeof text.value !== 'string') return text;
  const id = text.value;
  // strlen of the sanitised value (core/Tracker/Request.php lines 765 and 790–791): bytes,
  // with & < > " ' counted as their HTML entities.
  const length = sanitizedByteLength(id);
  let problems = NO_PROBLEMS;
  if (name === '_id' && length < 16) {
    // _id is used only from 16 bytes on: shorter ones are ignored.
    return decodedValue(undefined, '(ignored)', [
      {
        code: 'id.format',
        message: `_id "${id}" is ${length} bytes long; Matomo needs 16 hexadecimal characters and ignores it.`,
      },
    ]);
  }
  if (name === 'cid' && length !== 16) {
    // Rejected by the validator (cid.length), unless uid takes precedence.
    return decodedValue(undefined, id);
  }
  // The first 16 bytes of the sanitised text, hex-decoded (visitor.ts).
  const hex = asHexId(sanitizeText(id));
  if (!HEX_ID.test(id.slice(0, 16)) || length > 16) {
    problems = [
      {
        code: 'id.format',
        message: `${name} "${id}" is not 16 hexadecimal characters; Matomo reads it as ${hex}.`,
      },
    ];
  }
  return decodedValue(hex, hex, problems);
}

export function decodeToken(name: string, spec: ParamSpec, raw: ParamValue): DecodedValue {
  const text = decodeText(name, raw);
  if (typeof text.value !== 'string') return text;
  const length = charLength(text.value);
  const display = `•••• (${length} characters)`;
  if (/^[0-9a-f]{32}$/i.test(text.value)) return decodedValue(text.value, display);
  return decodedValue(text.value, display, [
    {
      code: 'token.format',
      message: `token_auth has ${length} characters${/^[0-9a-f]*$/i.test(text.value) ? '' : ' that are not all hexadecimal'}; a Matomo token is 32 hexadecimal characters.`,
    },
  ]);
}

export function decodeDatetime(name: string, raw: ParamValue, nowSeconds: number): DecodedValue {
  const text = readString(raw);
  if (!text.ok && (text.reason === 'missing' || text.reason === 'empty')) {
    return decodedValue(undefined, '(empty)');
  }
  const seconds = readCdt(raw, nowSeconds);
  if (seconds === null) {
    return decodedValue(undefined, '(ignored)', [
      {
        code: 'cdt.invalid',
        message: `${name}=${quoted(raw)} is neither Unix seconds nor a date Matomo reads; the hit gets the time it is received.`,
      },
    ]);
  }
  return decodedValue(seconds, formatUtc(seconds));
}

export function decodeUnixSeconds(name: string, spec: ParamSpec, raw: ParamValue): DecodedValue {
  const decoded = decodeInt(name, spec, raw);
  if (typeof decoded.value === 'number' && decoded.value > 0) {
    return decodedValue(decoded.value, formatUtc(decoded.value), decoded.problems);
  }
  return decoded;
}
