// A text of tens of megabytes held as the pieces it arrived in (a body's decoded chunks, the
// decoded parts of a long JSON string): joining them into one string held the server for
// tens of milliseconds, and its garbage for as long again. Read by position as a string is;
// only short stretches are ever copied out (slice).

/** The JavaScript whitespace of String#trim, one character at a time. */
const SPACE = /\s/;

export class TextPieces {
  readonly length: number;
  /** Where each piece starts in the whole text. */
  private readonly starts: number[] = [];
  /** The piece read last: reading goes forward, nearly always in the same piece. */
  private current = 0;

  constructor(readonly pieces: readonly string[]) {
    let length = 0;
    for (const piece of pieces) {
      this.starts.push(length);
      length += piece.length;
    }
    this.length = length;
  }

  /** The piece holding position `at` (0 ≤ at < length). */
  private pieceOf(at: number): number {
    const { starts, pieces } = this;
    const current = this.current;
    if (at >= starts[current]! && at < starts[current]! + pieces[current]!.length) return current;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle]! <= at) low = middle;
      else high = middle - 1;
    }
    // Empty pieces share their start with the next one: take the one that holds `at`.
    while (pieces[low]!.length === 0) low++;
    this.current = low;
    return low;
  }

  /** As String#charCodeAt: NaN outside the text. */
  charCodeAt(at: number): number {
    if (!(at >= 0 && at < this.length)) return NaN;
    const piece = this.pieceOf(at);
    return this.pieces[piece]!.charCodeAt(at - this.starts[piece]!);
  }

  /** As String#indexOf of one character. */
  indexOf(char: string, from: number): number {
    if (from >= this.length) return -1;
    for (let piece = this.pieceOf(Math.max(0, from)); piece < this.pieces.length; piece++) {
      const start = this.starts[piece]!;
      const found = this.pieces[piece]!.indexOf(char, Math.max(0, from - start));
      if (found >= 0) return start + found;
    }
    return -1;
  }

  /** As String#slice with 0 ≤ from ≤ to ≤ length: a copy, meant for short stretches. */
  slice(from: number, to: number = this.length): string {
    if (from >= to) return '';
    const first = this.pieceOf(from);
    const offset = this.starts[first]!;
    if (to - offset <= this.pieces[first]!.length) {
      return this.pieces[first]!.slice(from - offset, to - offset);
    }
    const parts = [this.pieces[first]!.slice(from - offset)];
    for (let piece = first + 1; this.starts[piece]! < to; piece++) {
      parts.push(this.pieces[piece]!.slice(0, to - this.starts[piece]!));
    }
    return parts.join('');
  }

  /** The whole text as one string: only where a message needs it (an error's position). */
  join(): string {
    return this.pieces.join('');
  }

  /** True when the text is empty or whitespace only (as `text.trim() === ''`). */
  isBlank(): boolean {
    return this.pieces.every((piece) => piece.trim() === '');
  }

  /** Position of the first character that is not whitespace (String#trimStart's), or length. */
  firstNonSpace(): number {
    for (let piece = 0; piece < this.pieces.length; piece++) {
      const text = this.pieces[piece]!;
      const rest = text.trimStart();
      if (rest !== '') return this.starts[piece]! + text.length - rest.length;
    }
    return this.length;
  }

  /** True when nothing but whitespace follows `at` up to the end of its line. */
  restOfLineBlank(at: number): boolean {
    for (; at < this.length; at++) {
      const code = this.charCodeAt(at);
      if (code === 0x0a) return true;
      if (!SPACE.test(String.fromCharCode(code))) return false;
    }
    return true;
  }

  /** The stretch [from, to) as pieces of its own, copying nothing (long lines, read in slices). */
  range(from: number, to: number): TextPieces {
    if (from >= to) return new TextPieces([]);
    const parts: string[] = [];
    for (let piece = this.pieceOf(from); piece < this.pieces.length; piece++) {
      const start = this.starts[piece]!;
      if (start >= to) break;
      parts.push(this.pieces[piece]!.slice(Math.max(0, from - start), to - start));
    }
    return new TextPieces(parts);
  }

  /** The text without its first `count` characters (a byte order mark). */
  dropStart(count: number): TextPieces {
    const pieces = [...this.pieces];
    for (let piece = 0; count > 0 && piece < pieces.length; piece++) {
      const cut = Math.min(count, pieces[piece]!.length);
      pieces[piece] = pieces[piece]!.slice(cut);
      count -= cut;
    }
    return new TextPieces(pieces);
  }

  /**
   * The lines (split at `\n`, as the text's `split('\n')` without a last empty one): a line
   * across pieces is joined from its parts, and no longer than the line.
   */
  *lines(): Generator<string> {
    let carry = '';
    for (const piece of this.pieces) {
      let start = 0;
      for (let end = piece.indexOf('\n'); end >= 0; end = piece.indexOf('\n', start)) {
        yield carry + piece.slice(start, end);
        carry = '';
        start = end + 1;
      }
      carry += piece.slice(start);
    }
    if (carry !== '') yield carry;
  }
}

/** A string or pieces, as pieces. */
export function piecesOf(text: string | TextPieces): TextPieces {
  return typeof text === 'string' ? new TextPieces([text]) : text;
}
