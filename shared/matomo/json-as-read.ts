// The values of a JSON parameter as the code that reads `ec_items`, `_cvar` and `cvar` sees
// them. Common::getRequestVar sanitises a decoded JSON value (core/Common.php,
// sanitizeInputValues) and those readers undo the escaping with unsanitizeInputValues, which
// casts every scalar to a string on the way. Net effect, per scalar:
// - a text that is not numeric has its HTML entities decoded and NUL bytes removed
//   ("Tom &amp; Jerry" is "Tom & Jerry"); a numeric text is kept as it is;
// - a number becomes PHP's text of it (12.5 → "12.5", 1e20 → "1.0E+20");
// - true becomes "1", false and null become "".
import { isPhpNumeric } from './coerce';
import { decodeHtmlEntities } from './sanitize';

/** Significant digits of PHP's float-to-string cast (the `precision` setting, 14 by default). */
const PHP_PRECISION = 14;

/** PHP's `(string)` of a float: %.14G, with "1.0E+20" for a one-digit mantissa. */
export function phpFloatText(value: number): string {
  if (Number.isNaN(value)) return 'NAN';
  if (!Number.isFinite(value)) return value > 0 ? 'INF' : '-INF';
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  const [mantissa, exponentText] = value.toExponential(PHP_PRECISION - 1).split('e');
  const digits = (mantissa as string).replace(/[-.]/g, '').replace(/0+$/, '');
  const exponent = Number(exponentText);
  const sign = value < 0 ? '-' : '';
  if (exponent < -4 || exponent >= PHP_PRECISION) {
    const tail = digits.slice(1) || '0';
    return `${sign}${digits[0]}.${tail}E${exponent < 0 ? '-' : '+'}${Math.abs(exponent)}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
  const fraction = digits.slice(exponent + 1);
  return `${sign}${whole}${fraction ? `.${fraction}` : ''}`;
}

/**
 * PHP's text of a JSON number. JSON.parse does not say whether `5` or `5.0` was sent; a whole
 * number within PHP's integers is taken as the integer json_decode makes of it.
 */
export function phpNumberText(value: number): string {
  return Number.isInteger(value) && Math.abs(value) < 2 ** 63
    ? BigInt(value).toString()
    : phpFloatText(value);
}

/** One scalar of a JSON parameter, as the reader of ec_items or _cvar gets it back. */
export function scalarAsRead(value: unknown): string {
  if (typeof value === 'string') {
    if (isPhpNumeric(value)) return value;
    return value.indexOf('&') === -1 && value.indexOf('\u0000') === -1
      ? value
      : decodeHtmlEntities(value).split('\u0000').join('');
  }
  if (typeof value === 'number') return phpNumberText(value);
  return value === true ? '1' : '';
}
