// The values of a JSON parameter as the code that reads `ec_items`, `_cvar` and `cvar` sees
// them. Common::getRequestVar sanitises a decoded JSON value (core/Common.php,
// sanitizeInputValues) and those readers undo the escaping with unsanitizeInputValues, which
// casts every scalar to a string on the way. Net effect, per scalar:
// - a text that is not numeric has its HTML entities decoded and NUL bytes removed
//   ("Tom &amp; Jerry" is "Tom & Jerry"); a numeric text is kept as it is;
// - a number becomes PHP's text of it (12.5 → "12.5", 1e20 → "1.0E+20");
// - true becomes "1", false and null become "".
import { isPhpNumeric } from './coerce';
import { phpFloatText } from './php-numbers';
import { decodeHtmlEntities } from './sanitize';

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
