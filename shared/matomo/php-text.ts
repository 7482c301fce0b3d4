// PHP's own tests on text, which Matomo's tracker applies to request values: trim() strips
// fewer characters than JavaScript's trim(), and empty() calls "0" empty.
const isPhpSpace = (code: number): boolean =>
  code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d || code === 0 || code === 0x0b;

/** PHP's trim(): space, tab, LF, CR, NUL and vertical tab (JavaScript's trim() strips more). */
export function phpTrim(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isPhpSpace(text.charCodeAt(start))) start++;
  while (end > start && isPhpSpace(text.charCodeAt(end - 1))) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

/**
 * PHP's empty() on a request value or a decoded JSON value: missing, null, false, 0, 0.0, "",
 * "0" and an empty array (a JSON object decodes to a PHP array too) are empty; " ", "00" and
 * "0.0" are not.
 */
export function phpEmpty(value: unknown): boolean {
  if (value === undefined || value === null || value === false) return true;
  if (typeof value === 'number') return value === 0;
  if (typeof value === 'string') return value === '' || value === '0';
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return false;
}

/** PHP's stripos() test for ASCII text: case folds A–Z only, as PHP 8 does. */
export function asciiLower(text: string): string {
  return /[A-Z]/.test(text) ? text.replace(/[A-Z]+/g, (part) => part.toLowerCase()) : text;
}
