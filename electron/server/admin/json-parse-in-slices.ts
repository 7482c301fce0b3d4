// JSON.parse of a large text (an import's body carries a whole file of tens of megabytes as
// one string; a HAR file is one document of as many entries), given back to the event loop
// between slices: one JSON.parse of it held the server for a few hundred milliseconds. The
// text is read value by value: short values are parsed at once, large objects and arrays
// member by member, long strings a piece at a time. The value is the one JSON.parse gives; a
// text that is not JSON throws as it does.
import { StringDecoder } from 'node:string_decoder';

/**
 * Values longer than this (characters of JSON text) are read in parts: strings in pieces of this
 * size, objects and arrays member by member.
 */
const LONG_JSON_STRING = 1024 * 1024;

/** The UTF-8 text of `chunks`, decoded a chunk at a time (a character may straddle two). */
export async function utf8InSlices(
  chunks: readonly Buffer[],
  pause: () => Promise<void>,
): Promise<string> {
  if (chunks.length <= 1) return chunks[0]?.toString('utf8') ?? '';
  const decoder = new StringDecoder('utf8');
  const parts: string[] = [];
  for (const chunk of chunks) {
    parts.push(decoder.write(chunk));
    await pause();
  }
  parts.push(decoder.end());
  return parts.join('');
}

/** True when the quote at `at` is escaped (an odd run of backslashes before it). */
function isEscaped(text: string, at: number): boolean {
  let backslashes = 0;
  while (text.charCodeAt(at - 1 - backslashes) === 0x5c) backslashes++;
  return backslashes % 2 === 1;
}

/** Where a piece of a string's JSON text may end at or before `end`: not inside an escape. */
function pieceEnd(text: string, start: number, end: number): number {
  // An escape is at most 6 characters (\uXXXX): one starting in the last 5 may be cut.
  for (let at = end - 1; at >= Math.max(start, end - 5); at--) {
    if (text.charCodeAt(at) !== 0x5c || isEscaped(text, at)) continue;
    const length = text.charCodeAt(at + 1) === 0x75 ? 6 : 2; // \u
    return at + length > end ? at : end;
  }
  return end;
}

/** The string whose JSON text (quotes excluded) is text[start, end), decoded in pieces. */
async function longString(
  text: string,
  start: number,
  end: number,
  pause: () => Promise<void>,
  pieceChars: number,
): Promise<string> {
  const parts: string[] = [];
  for (let at = start; at < end;) {
    const stop = at + pieceChars >= end ? end : pieceEnd(text, at, at + pieceChars);
    // A surrogate pair written as two escapes may fall apart: its halves join again below.
    parts.push(JSON.parse(`"${text.slice(at, stop)}"`) as string);
    at = stop;
    await pause();
  }
  return parts.join('');
}

const QUOTE = 0x22;

/** Why the sliced reading stopped: the text is not JSON (JSON.parse then says why). */
class NotJson extends Error {}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

/**
 * Reads a large JSON text value by value: a value whose text is at most `piece` characters is
 * one JSON.parse, a larger object or array is read member by member (pausing between them),
 * a longer string is decoded a piece at a time.
 */
class SlicedReader {
  private at = 0;

  constructor(
    private readonly text: string,
    private readonly pause: () => Promise<void>,
    private readonly piece: number,
  ) {}

  async document(): Promise<unknown> {
    const value = await this.value();
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
      } else if (code === 0x7b || code === 0x5b) depth++;
      else if ((code === 0x7d || code === 0x5d) && --depth === 0) return at + 1;
    }
    return -1;
  }

  private async value(): Promise<unknown> {
    this.skipSpace();
    const { text } = this;
    const code = text.charCodeAt(this.at);
    if (code === QUOTE) {
      const close = await this.close(this.at);
      if (close - this.at - 1 <= this.piece) return this.parse(close + 1);
      const value = await longString(text, this.at + 1, close, this.pause, this.piece);
      this.at = close + 1;
      return value;
    }
    if (code === 0x7b || code === 0x5b) {
      const end = this.smallEnd(this.at);
      if (end >= 0) return this.parse(end);
      this.at++;
      return code === 0x7b ? this.object() : this.array();
    }
    // A number, true, false or null: up to the next delimiter.
    let end = this.at;
    while (end < text.length && !isSpace(text.charCodeAt(end)) && !',]}'.includes(text[end]!))
      end++;
    return this.parse(end);
  }

  /** What follows a member: true after a comma, false after `close`. */
  private next(close: string): boolean {
    this.skipSpace();
    const found = this.text[this.at++];
    if (found === ',') return true;
    if (found === close) return false;
    throw new NotJson();
  }

  private async object(): Promise<Record<string, unknown>> {
    const entries: [string, unknown][] = [];
    this.skipSpace();
    if (this.text[this.at] === '}') {
      this.at++;
    } else {
      do {
        this.skipSpace();
        if (this.text.charCodeAt(this.at) !== QUOTE) throw new NotJson();
        const key = (await this.value()) as string;
        this.skipSpace();
        if (this.text[this.at++] !== ':') throw new NotJson();
        entries.push([key, await this.value()]);
        await this.pause();
      } while (this.next('}'));
    }
    // fromEntries defines own properties, as JSON.parse does (a "__proto__" key stays a key).
    return Object.fromEntries(entries) as Record<string, unknown>;
  }

  private async array(): Promise<unknown[]> {
    const items: unknown[] = [];
    this.skipSpace();
    if (this.text[this.at] === ']') {
      this.at++;
      return items;
    }
    do {
      items.push(await this.value());
      await this.pause();
    } while (this.next(']'));
    return items;
  }
}

export async function jsonParseInSlices(
  text: string,
  pause: () => Promise<void>,
  pieceChars = LONG_JSON_STRING,
): Promise<unknown> {
  if (text.length <= pieceChars) return JSON.parse(text) as unknown;
  try {
    return await new SlicedReader(text, pause, pieceChars).document();
  } catch (error) {
    if (!(error instanceof NotJson)) throw error;
    // JSON.parse's own error; found where the text stops being JSON, which for the NDJSON a
    // HAR import may be handed is its first line.
    return JSON.parse(text) as unknown;
  }
}
