// How much of a long text the answers meant for reading carry (a hit or request shown in the
// inspector, a page of hits, the live stream). A hit of one 8 MB parameter holds that value
// six times over (parameters, occurrences raw and decoded, decoded value and display, raw
// query): some 60 MB of JSON to encode, send, parse and render, for a value nobody reads
// whole on screen. Those answers keep the beginning of each long text and say what was cut;
// the whole text is one request away (`GET /api/hits/:id/raw`, `GET /api/requests/:id/raw`).

/** A text longer than this (UTF-16 code units) keeps this many. */
export const TEXT_PREFIX_CHARS = 64 * 1024;

/**
 * The texts of one hit or request together keep about this much: once it is spent, each
 * further long text keeps only SMALL_PREFIX_CHARS (a hit of a thousand long parameters).
 */
export const DTO_TEXT_BUDGET_CHARS = 1024 * 1024;

/** What a long text keeps once the budget of its hit is spent. */
export const SMALL_PREFIX_CHARS = 256;

/** `GET /api/requests/:id/raw?part=…`: the body as stored (default) or the query string. */
export const REQUEST_RAW_PARTS = ['body', 'query'] as const;
export type RequestRawPart = (typeof REQUEST_RAW_PARTS)[number];
