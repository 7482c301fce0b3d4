// The pairs of a raw query that is exactly its parameters: every piece `name=value`, each name
// once and as PHP keeps it, each piece decoding cleanly, no more pieces than PHP reads. Such a
// query's search entries (search-text.ts) are its pairs decoded, and its parameters need not
// be parsed for them: the parse, and the walk that told each pair reads as its parameter, were
// a third of building a hit's entries at a read-back. Any other query is parsed as before.
import { decodeClean, MAX_INPUT_VARS } from '../../../shared/matomo/query-string';

/** Longest piece read here; a longer one is read the careful way (it may be too long to keep). */
const MAX_PIECE_CHARS = 3 * 1024;
/**
 * Characters of a name PHP changes (NUL, space, `.`, `[`: query-string.ts's SPECIAL_NAME), and
 * `=`, which the decoded pair would read as the end of the name.
 */
// eslint-disable-next-line no-control-regex -- NUL is one of the characters looked for.
const NOT_PLAIN_NAME = /[\u0000 .[=]/;
/** Places remembered: the pieces past them are always decoded. */
const PLACES = 64;
/**
 * Longest query whose pieces are remembered: a piece may be a slice that holds its whole query
 * in memory, which must stay small.
 */
const MAX_REMEMBERED_QUERY_CHARS = 16 * 1024;

/** Names remembered with the query they were last seen in; past it, all are forgotten. */
const MAX_NAMES_SEEN = 4096;

/** A piece and what it decodes to. */
interface DecodedPiece {
  piece: string;
  name: string;
  value: string;
}

export class PlainPairs {
  /** The names and values of the last query read, `count` of them. */
  readonly names: string[] = [];
  readonly values: string[] = [];
  count = 0;
  /**
   * The query each name was last seen in (`queries`), to find a name given twice: a set
   * emptied for every query allocated its table again each time, which cost more than the rest.
   */
  private readonly seenIn = new Map<string, number>();
  private queries = 0;
  /**
   * The piece decoded last at each place: queries of one tracker repeat most pieces at the
   * same places (`idsite=1`, the client hints), found again without slicing and decoding.
   */
  private readonly recent: (DecodedPiece | undefined)[] = new Array<DecodedPiece | undefined>(
    PLACES,
  );

  /**
   * Reads `raw` into names and values; false when it is not exactly its parameters (then what
   * was read means nothing).
   */
  read(raw: string): boolean {
    this.count = 0;
    const query = ++this.queries;
    if (this.seenIn.size > MAX_NAMES_SEEN) this.seenIn.clear();
    if (raw === '') return true;
    for (let from = 0; from <= raw.length;) {
      let to = raw.indexOf('&', from);
      if (to < 0) to = raw.length;
      if (to === from || to - from > MAX_PIECE_CHARS || this.count === MAX_INPUT_VARS) return false;
      const decoded = this.decoded(raw.slice(from, to), this.count, raw.length);
      if (decoded === null || this.seenIn.get(decoded.name) === query) return false;
      this.seenIn.set(decoded.name, query);
      this.names[this.count] = decoded.name;
      this.values[this.count] = decoded.value;
      this.count++;
      from = to + 1;
    }
    return true;
  }

  /** Empties the names and values kept from the last query. */
  forget(): void {
    this.names.fill('', 0, this.count);
    this.values.fill('', 0, this.count);
    this.count = 0;
  }

  private decoded(piece: string, place: number, queryChars: number): DecodedPiece | null {
    const known = place < PLACES ? this.recent[place] : undefined;
    if (known !== undefined && known.piece === piece) return known;
    const eq = piece.indexOf('=');
    if (eq <= 0) return null;
    const name = decodeClean(piece.slice(0, eq));
    const value = decodeClean(piece.slice(eq + 1));
    // `__proto__` is set apart by the parse (setParam): read the careful way too.
    if (name === null || value === null || NOT_PLAIN_NAME.test(name) || name === '__proto__') {
      return null;
    }
    const decoded = { piece, name, value };
    if (place < PLACES && queryChars <= MAX_REMEMBERED_QUERY_CHARS) this.recent[place] = decoded;
    return decoded;
  }
}
