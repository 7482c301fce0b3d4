// Which texts JSON.stringify writes otherwise than as they are, between two quotes: the
// writers that encode a text straight into their bytes (a data file line, encode-line.ts; an
// answer's chunks, admin/byte-chunks.ts) do so only for the others, and leave these to it.

/**
 * Quotes, backslashes, control characters, and surrogates: a lone one is escaped; a text
 * holding a pair goes to JSON.stringify as well, rarely enough.
 */
// Written as the characters it does not match: V8 tests a long text (a bulk entry's raw query)
// against this form a fifth faster than against the list of those it matches.
const ESCAPED_BY_JSON = /[^ !#-[\]-\ud7ff\ue000-\uffff]/;

/** Whether JSON.stringify writes `text` otherwise than as it is between quotes. */
export const needsJsonEscape = (text: string): boolean => ESCAPED_BY_JSON.test(text);
