// Which texts JSON.stringify writes otherwise than as they are, between two quotes: the
// writers that encode a text straight into their bytes (a data file line, encode-line.ts; an
// answer's chunks, admin/byte-chunks.ts) do so only for the others, and leave these to it.

/**
 * Quotes, backslashes, control characters, and surrogates: a lone one is escaped; a text
 * holding a pair goes to JSON.stringify as well, rarely enough.
 */
// eslint-disable-next-line no-control-regex -- control characters are what JSON escapes
const ESCAPED_BY_JSON = /["\\\u0000-\u001f\ud800-\udfff]/;

/** Whether JSON.stringify writes `text` otherwise than as it is between quotes. */
export const needsJsonEscape = (text: string): boolean => ESCAPED_BY_JSON.test(text);
