// JSON.parse with the one refusal of PHP's json_decode that JavaScript does not make: a
// \uD800–\uDFFF escape without its pair ("Single unpaired UTF-16 surrogate in unicode
// escape": json_decode returns null; php-cli on '{"a":"\ud800"}'). A pair ("\ud83d\ude00") is
// read by both. Raw text cannot hold a lone surrogate (the UTF-8 decoder replaces it), so only
// a text with such an escape is checked further: one indexOf for every other text.
const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;
const UNPAIRED = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Parses `text` as PHP's json_decode would accept it; throws a SyntaxError where it refuses. */
export function parsePhpJson(text: string): unknown {
  const parsed: unknown = JSON.parse(text);
  if (text.indexOf('\\u') !== -1 && SURROGATE_ESCAPE.test(text) && hasUnpaired(parsed)) {
    throw new SyntaxError('Single unpaired UTF-16 surrogate in unicode escape');
  }
  return parsed;
}

function hasUnpaired(value: unknown): boolean {
  if (typeof value === 'string') return UNPAIRED.test(value);
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some(hasUnpaired);
  return Object.entries(value).some(([key, item]) => UNPAIRED.test(key) || hasUnpaired(item));
}
