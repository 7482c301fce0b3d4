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

/**
 * JSON.stringify(text), byte for byte: a text with nothing to escape between its quotes is
 * quoted by hand, the call (a tenth of a microsecond even for `GET`) saved for the others.
 */
export const jsonText = (text: string): string =>
  ESCAPED_BY_JSON.test(text) ? JSON.stringify(text) : `"${text}"`;

/**
 * JSON.stringify(value), byte for byte, through jsonText for a text (typed as JSON.stringify
 * is: undefined, a function or a symbol give undefined).
 */
export const jsonValue = (value: unknown): string =>
  typeof value === 'string' ? jsonText(value) : JSON.stringify(value);
