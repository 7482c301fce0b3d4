// JSON.parse of a large text (an import's body carries a whole file of tens of megabytes as
// one string; a HAR file is one document of as many entries), given back to the event loop
// between slices: one JSON.parse of it held the server for a few hundred milliseconds. The
// text is read value by value: short values are parsed at once, large objects and arrays
// member by member, long strings a piece at a time. The value is the one JSON.parse gives; a
// text that is not JSON throws as it does. The text is read as the pieces it came in, and a
// long string may be handed on as pieces too (an import's file): no step joins tens of
// megabytes into one string.
import { StringDecoder } from 'node:string_decoder';
import {
  CLOSE_LIST,
  CLOSE_OBJECT,
  COLON,
  COMMA,
  OPEN_LIST,
  OPEN_OBJECT,
  QUOTE,
} from '../../../shared/matomo/bulk-json';
import { piecesOf, TextPieces } from './text-pieces';

/**
 * Values longer than this (characters of JSON text) are read in parts: strings in pieces
 * (STRING_PIECE_CHARS), objects and arrays member by member.
 */
const LONG_JSON_STRING = 1024 * 1024;
/**
 * Characters of a long string's JSON text decoded in one step: a megabyte of an import file's
 * NDJSON (its quotes escaped) took 10 to 15 ms to gather and JSON.parse, a quarter of it a
 * quarter of that; still a string of the large-object space, which collections never copy.
 */
const STRING_PIECE_CHARS = 256 * 1024;

/**
 * Bytes of a body decoded into one piece: a socket's chunks (64 KiB) made as many strings of
 * the young generation, each copied by the collections that found it alive; a piece this long
 * is a string of the large-object space, never copied.
 */
const DECODED_PIECE_BYTES = 256 * 1024;

/** The UTF-8 text of `chunks`, decoded a few at a time (a character may straddle two). */
export async function utf8InSlices(
  chunks: readonly Buffer[],
  pause: () => Promise<void>,
): Promise<TextPieces> {
  if (chunks.length <= 1) return new TextPieces([chunks[0]?.toString('utf8') ?? '']);
  const decoder = new StringDecoder('utf8');
  const parts: string[] = [];
  for (let from = 0; from < chunks.length;) {
    let to = from;
    let bytes = 0;
    while (to < chunks.length && bytes < DECODED_PIECE_BYTES) bytes += chunks[to++]!.length;
    parts.push(
      decoder.write(to - from === 1 ? chunks[from]! : Buffer.concat(chunks.slice(from, to), bytes)),
    );
    from = to;
    await pause();
  }
  parts.push(decoder.end());
  return new TextPieces(parts);
}

/** Why the sliced reading stopped: the text is not JSON (JSON.parse then says why). */
class NotJson extends Error {}

/** True when the quote at `at` is escaped (an odd run of backslashes before it). */
function isEscaped(text: TextPieces, at: number): boolean {
  let backslashes = 0;
  while (text.charCodeAt(at - 1 - backslashes) === 0x5c) backslashes++;
  return backslashes % 2 === 1;
}

/** Where a piece of a string's JSON text may end at or before `end`: not inside an escape. */
function pieceEnd(text: TextPieces, start: number, end: number): number {
  // An escape is at most 6 characters (\uXXXX): one starting in the last 5 may be cut.
  for (let at = end - 1; at >= Math.max(start, end - 5); at--) {
    if (text.charCodeAt(at) !== 0x5c || isEscaped(text, at)) continue;
    const length = text.charCodeAt(at + 1) === 0x75 ? 6 : 2; // \u
    return at + length > end ? at : end;
  }
  return end;
}

/**
 * The string whose JSON text (quotes excluded) is text[start, end), decoded in pieces and
 * given as those pieces. A surrogate pair written as two escapes may fall apart across two of
 * them: its halves meet again when the pieces are joined or read on (TextPieces#lines).
 */
async function longString(
  text: TextPieces,
  start: number,
  end: number,
  pause: () => Promise<void>,
  pieceChars: number,
): Promise<TextPieces> {
  const parts: string[] = [];
  for (let at = start; at < end;) {
    const stop = at + pieceChars >= end ? end : pieceEnd(text, at, at + pieceChars);
    try {
      parts.push(JSON.parse(`"${text.slice(at, stop)}"`) as string);
    } catch {
      // A control character or a bad escape: JSON.parse of the whole says where.
      throw new NotJson();
    }
    at = stop;
    await pause();
  }
  return new TextPieces(parts);
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

export interface SlicedJsonOptions {
  /** Characters of JSON text read in one step (LONG_JSON_STRING). */
  pieceChars?: number;
  /**
   * Keys of the outermost object whose long string values are handed on as TextPieces, not
   * joined into one string (an import's `content`).
   */
  piecedKeys?: ReadonlySet<string>;
}

/**
 * Reads a large JSON text value by value: a value whose text is at most `piece` characters is
 * one JSON.parse, a larger object or array is read member by member (pausing between them),
 * a longer string is decoded a piece at a time.
 */
class SlicedReader {
  private at = 0;
  /** Objects and arrays open around the value being read. */
  private depth = 0;

  constructor(
    private readonly text: TextPieces,
    private readonly pause: () => Promise<void>,
    private readonly piece: number,
    private readonly piecedKeys: ReadonlySet<string>,
  ) {}

  async document(): Promise<unknown> {
    const value = await this.value(false);
    this.skipSpace();
    if (this.at !== this.text.length) throw new NotJson();
    return value;
  }

  private skipSpace(): void {
    while (isSpace(this.text.charCodeAt(this.at))) this.at++;
  }

  private parse(end: number): unknown {
    try {
      return JSON.parse(this.text.slice(this.at, end)) as unknown;
    } catch {
      throw new NotJson();
    } finally {
      this.at = end;
    }
  }

  /** The closing quote of the string opening at `open` if it is before `limit`, else -1. */
  private closeBefore(open: number, limit: number): number {
    for (let at = this.text.indexOf('"', open + 1); at >= 0 && at < limit;) {
      if (!isEscaped(this.text, at)) return at;
      at = this.text.indexOf('"', at + 1);
    }
    return -1;
  }

  /** The closing quote of the string opening at `open`, however far. */
  private async close(open: number): Promise<number> {
    for (let at = this.text.indexOf('"', open + 1), steps = 1; at >= 0; steps++) {
      if (!isEscaped(this.text, at)) return at;
      at = this.text.indexOf('"', at + 1);
      if (steps % 4096 === 0) await this.pause();
    }
    throw new NotJson();
  }

  /** The end of the object or array opening at `start` if its text is short, else -1. */
  private smallEnd(start: number): number {
    const limit = Math.min(this.text.length, start + this.piece);
    let depth = 0;
    for (let at = start; at < limit; at++) {
      const code = this.text.charCodeAt(at);
      if (code === QUOTE) {
        at = this.closeBefore(at, limit);
        if (at < 0) return -1;
      } else if (code === OPEN_OBJECT || code === OPEN_LIST) depth++;
      else if ((code === CLOSE_OBJECT || code === CLOSE_LIST) && --depth === 0) return at + 1;
    }
    return -1;
  }

  /** The value at the reading position; a long string stays in pieces when `pieced`. */
  private async value(pieced: boolean): Promise<unknown> {
    this.skipSpace();
    const { text } = this;
    const code = text.charCodeAt(this.at);
    if (code === QUOTE) {
      const close = await this.close(this.at);
      if (close - this.at - 1 <= this.piece) return this.parse(close + 1);
      const piece = Math.min(this.piece, STRING_PIECE_CHARS);
      const value = await longString(text, this.at + 1, close, this.pause, piece);
      this.at = close + 1;
      return pieced ? value : value.join();
    }
    if (code === OPEN_OBJECT || code === OPEN_LIST) {
      const end = this.smallEnd(this.at);
      if (end >= 0) return this.parse(end);
      this.at++;
      this.depth++;
      const value = code === OPEN_OBJECT ? await this.object() : await this.array();
      this.depth--;
      return value;
    }
    // A number, true, false or null: up to the next delimiter.
    let end = this.at;
    for (; end < text.length; end++) {
      const next = text.charCodeAt(end);
      if (isSpace(next) || next === COMMA || next === CLOSE_LIST || next === CLOSE_OBJECT) break;
    }
    return this.parse(end);
  }

  /** What follows a member: true after a comma, false after `close`. */
  private next(close: number): boolean {
    this.skipSpace();
    const found = this.text.charCodeAt(this.at++);
    if (found === COMMA) return true;
    if (found === close) return false;
    throw new NotJson();
  }

  private async object(): Promise<Record<string, unknown>> {
    const entries: [string, unknown][] = [];
    const outermost = this.depth === 1;
    this.skipSpace();
    if (this.text.charCodeAt(this.at) === CLOSE_OBJECT) {
      this.at++;
    } else {
      do {
        this.skipSpace();
        if (this.text.charCodeAt(this.at) !== QUOTE) throw new NotJson();
        const key = (await this.value(false)) as string;
        this.skipSpace();
        if (this.text.charCodeAt(this.at++) !== COLON) throw new NotJson();
        entries.push([key, await this.value(outermost && this.piecedKeys.has(key))]);
        await this.pause();
      } while (this.next(CLOSE_OBJECT));
    }
    // fromEntries defines own properties, as JSON.parse does (a "__proto__" key stays a key).
    return Object.fromEntries(entries) as Record<string, unknown>;
  }

  private async array(): Promise<unknown[]> {
    const items: unknown[] = [];
    this.skipSpace();
    if (this.text.charCodeAt(this.at) === CLOSE_LIST) {
      this.at++;
      return items;
    }
    do {
      items.push(await this.value(false));
      await this.pause();
    } while (this.next(CLOSE_LIST));
    return items;
  }
}

/**
 * The JSON document `text` holds, read in slices, or undefined when the reading finds it is
 * not JSON (why is JSON.parse's to say, over the whole text as one string).
 */
export async function jsonDocumentInSlices(
  text: string | TextPieces,
  pause: () => Promise<void>,
  { pieceChars = LONG_JSON_STRING, piecedKeys = new Set<string>() }: SlicedJsonOptions = {},
): Promise<{ value: unknown } | undefined> {
  const pieces = piecesOf(text);
  if (pieces.length <= pieceChars) {
    try {
      return { value: JSON.parse(pieces.join()) as unknown };
    } catch {
      return undefined;
    }
  }
  try {
    return { value: await new SlicedReader(pieces, pause, pieceChars, piecedKeys).document() };
  } catch (error) {
    if (error instanceof NotJson) return undefined;
    throw error;
  }
}

/** The JSON document `text` holds, read in slices; a text that is not JSON throws as JSON.parse. */
export async function jsonParseInSlices(
  text: string | TextPieces,
  pause: () => Promise<void>,
  options: SlicedJsonOptions = {},
): Promise<unknown> {
  const read = await jsonDocumentInSlices(text, pause, options);
  if (read) return read.value;
  // JSON.parse's own error, with its position; found where the text stops being JSON, which
  // for the NDJSON a HAR import may be handed is its first line.
  return JSON.parse(piecesOf(text).join()) as unknown;
}
