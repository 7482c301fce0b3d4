// What a search looks at in every stored hit, kept in memory so a search of a million hits
// does not read them all from the data file. Per hit, a list of "entries": lower-cased texts
// the query language and free text read (`name=value` of each parameter, the raw query's pairs
// decoded, summary, path, user agent, id, type, outcome, issue codes and messages). Entries
// live once in one large buffer ("\n" before and after each), a hit holds their numbers, and
// repeating texts (a user agent, `rec=1`) are shared through a small table of recent ones;
// those received again (same parameter, same value) are found by name and value, unbuilt.
// A search term is found with Buffer.indexOf over the buffer, which marks the entries holding
// it; a hit with a marked entry is a candidate. The entries say "may match", never "matches":
// the real hit decides (journal-view.ts), so a hit the entries cannot speak for (a value too
// long to keep, a raw query that does not decode) is always a candidate.
import { BoundedMap } from '../../../shared/bounded-map';
import { PARAM_PRESENT, paramValueText } from '../../../shared/matomo/param-text';
import type { ParamValue } from '../../../shared/matomo/types';
import { listedNames } from '../../../shared/matomo/record-shapes';
import { idHash } from './journal-index';
import { ALL_NAMES } from './line-kinds';
import { NamesBloom, type NamesSink } from './line-names';
import type { PlainPairs } from './plain-pairs';
import { plainName, TypedPairs } from './raw-pair-match';
import { atLeast, resizable } from './resizable-arrays';

/** Longest entry kept; a hit with a longer text is always a candidate. */
const MAX_ENTRY_BYTES = 1024;
/**
 * Parameters and raw pairs kept per hit; a hit with more is always a candidate. Twice what
 * PHP reads of a query and a form body (max_input_vars), so a hit Matomo sees whole keeps its
 * entries: past that, the entries of one hit of 100,000 pairs held the server for a third of
 * a second.
 */
const MAX_PAIRS_PER_HIT = 2048;
/** Issues of a hit given entries; a hit with more is marked unsure, as for its pairs. */
const MAX_ISSUES_PER_HIT = 1024;
const SLOTS = 1 << 16;
/**
 * Size of the buffers the entries' texts are kept in. The texts reach hundreds of megabytes:
 * grown as one buffer, each growth copied them all in one piece (a second, with the server
 * answering nothing); a new chunk copies nothing.
 */
const POOL_CHUNK_BYTES = 4 * 1024 * 1024;
const NEWLINE = 0x0a;

/** The fields of a hit its entries are made of (a CompactHit fits). */
export interface SearchableHit {
  id: string;
  type: string;
  outcome: string;
  summary: string;
  path: string;
  userAgent: string;
  rawQuery: string;
  issues: readonly { code: string; message: string }[];
}

/** The entries that may hold a term; null when the entries cannot tell (then: every hit). */
export type EntryMarks = Uint8Array | null;

/**
 * Gives the event loop back when the caller's slice is used up (Slicer.tick). A search marks
 * and tests every stored hit: in one turn that held the server for about 100 ms at 300,000.
 */
export type Pause = () => Promise<void>;
const NO_PAUSE: Pause = () => Promise.resolve();
/** Matches marked, or hits tested, between two asks of `pause` (each ask costs a little). */
const PAUSE_EVERY = 1024;

/**
 * When marks were begun: the hits stored then (a later hit may hold entries the marks never
 * saw) and the clears by then (after one, the marks speak for nothing).
 */
export interface MarksBegun {
  hits: number;
  clears: number;
}

/** Growth of the arrays: they reach hundreds of megabytes, doubling would waste as much. */
const GROWTH = 1.5;
/** Size of the texts remembered with their entry numbers (`recent`); past it, all are forgotten. */
const RECENT_CHARS = 1 << 20;
/** Counted per text remembered besides its characters (the map's own memory). */
const RECENT_OVERHEAD_CHARS = 32;
/**
 * A parameter whose values are found again less than once in this many (a random number, a
 * page view id) is not remembered: looking for its values only costs. Judged from a sample.
 */
const RECENT_MIN_FOUND_ONE_IN = 8;
const RECENT_SAMPLE = 256;

/** Recent values of one parameter with their entry numbers, and how often they were found. */
interface RecentValues {
  entries: Map<string, number>;
  found: number;
  missed: number;
}

/** A raw pair as its text once decoded (`+` is a space), or null when it does not decode. */
function decodedPair(pair: string): string | null {
  try {
    return decodeURIComponent(pair.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

const NO_PARAMS: Record<string, ParamValue> = Object.freeze({});

/** A hex digit: a term may begin inside an escape (`%3A`) of the raw query. */
const HEX = /^[0-9a-f]/;

/** Raw pairs remembered with their decoded text; past it, all are forgotten. */
const DECODED_PAIRS = 1024;

/**
 * Decoded raw pairs by their raw text: most repeat from hit to hit (a referrer, the client
 * hints), and decoding them again was a third of the time of building a hit's entries.
 */
class DecodedPairs {
  private known = new BoundedMap<string, string | null>(DECODED_PAIRS);

  of(pair: string): string | null {
    let decoded = this.known.get(pair);
    if (decoded !== undefined) return decoded;
    decoded = decodedPair(pair);
    this.known.set(pair, decoded);
    return decoded;
  }
}

/**
 * The decoded raw pair, undefined when it is the typed entry of its parameter already
 * (`name=value`, compared without building that text), null when it does not decode.
 */
function extraPair(
  pair: string,
  params: Record<string, ParamValue>,
  decodedPairs: DecodedPairs,
): string | null | undefined {
  // Most pairs need no decoding and read as the typed `name=value` already.
  const decoded = pair.indexOf('%') < 0 && pair.indexOf('+') < 0 ? pair : decodedPairs.of(pair);
  if (decoded === null) return null;
  const eq = decoded.indexOf('=');
  if (eq < 0) return decoded;
  const name = decoded.slice(0, eq);
  if (!Object.hasOwn(params, name)) return decoded;
  const value = params[name];
  const text = typeof value === 'string' ? value : paramValueText(value);
  return decoded.length === eq + 1 + text.length && decoded.endsWith(text) ? undefined : decoded;
}

function newChunk(): Buffer {
  const chunk = Buffer.allocUnsafe(POOL_CHUNK_BYTES);
  chunk[0] = NEWLINE;
  return chunk;
}

export class SearchText {
  /** Hits with entries, in arrival order (a hit's position, as in the journal index). */
  hits = 0;
  /**
   * The entries' texts, each followed by a newline, in chunks of POOL_CHUNK_BYTES that each
   * begin with a newline; an entry never spans two. Offsets (entryStart) count from the first
   * chunk as if they were one buffer.
   */
  private chunks = [newChunk()];
  /** Bytes used of the last chunk. */
  private used = 1;
  /** Bytes used of each chunk before the last. */
  private chunkUsed: number[] = [];
  private entryStart = resizable(Float64Array);
  private entries = 0;
  /** Entry numbers of hit h: ids[first[h] .. first[h + 1]). */
  private first = resizable(Uint32Array);
  private ids = resizable(Uint32Array);
  private idCount = 0;
  /** 1: the entries cannot speak for this hit. */
  private unsure = resizable(Uint8Array);
  /**
   * Entries made by the end of hit h: an entry is made by the first hit holding it, the first
   * hit whose count passes its number.
   */
  private entriesAfter = resizable(Uint32Array);
  /** The last hit holding each entry: its holders lie between the hit that made it and this. */
  private lastHolder = resizable(Uint32Array);
  private slotEntry = new Int32Array(SLOTS).fill(-1);
  private slotText: string[] = new Array<string>(SLOTS).fill('');
  /**
   * Entry numbers (-1: too long to keep) of recent texts as received, by parameter name (''
   * for the hit's own fields), then value: most of a hit's texts repeat from hit to hit, and
   * found here they are not built, lower-cased and hashed again. Bounded by RECENT_CHARS;
   * null for a parameter whose values rarely repeat.
   */
  private recent = new Map<string, RecentValues | null>();
  private recentChars = 0;
  private decodedPairs = new DecodedPairs();
  private typedPairs = new TypedPairs();
  /** The parameter names of the hit being added, in order (kept between hits, emptied). */
  private paramNames: string[] = [];
  /** Whether listNames left names out (more than MAX_PAIRS_PER_HIT). */
  private namesCut = false;
  /** The bloom of the parameter names of the hit being added (line-names.ts). */
  private hitNames = new NamesBloom();
  /** Counts clears: a search that gave the event loop back stops when the entries were cleared. */
  private clears = 0;

  /**
   * `names` is told the bloom of each hit's parameter names (line-names.ts), every bit for a
   * hit whose names are not all known: the index keeps it per line for the snapshot.
   */
  constructor(private readonly names: NamesSink = () => undefined) {}

  /** Taken before marking: candidates() and candidateTest() then know what the marks cover. */
  marksBegun(): MarksBegun {
    return { hits: this.hits, clears: this.clears };
  }

  clear(): void {
    this.clears++;
    this.hits = 0;
    this.chunks.length = 1;
    this.chunkUsed = [];
    this.used = 1;
    this.entries = 0;
    this.idCount = 0;
    this.first[0] = 0;
    this.slotEntry.fill(-1);
    this.slotText.fill('');
    this.typedPairs.clear();
    this.forgetRecent();
  }

  private forgetRecent(): void {
    this.recent.clear();
    this.recentChars = 0;
  }

  /** Counts `chars` more remembered; false when all was forgotten to make room. */
  private remember(chars: number): boolean {
    this.recentChars += chars;
    if (this.recentChars <= RECENT_CHARS) return true;
    this.forgetRecent();
    return false;
  }

  /** The number of entry `text` (lower-cased already), added when not among recent ones. */
  private entryOf(text: string): number {
    const slot = idHash(text) & (SLOTS - 1);
    const known = this.slotEntry[slot] as number;
    if (known >= 0 && this.slotText[slot] === text) return known;
    // UTF-8 takes at most 3 bytes per UTF-16 unit: a bound, not a count, spares one more pass
    // over the text (the few bytes a chunk may leave unused are nothing).
    if (this.used + 3 * text.length + 1 > POOL_CHUNK_BYTES) {
      this.chunkUsed.push(this.used);
      this.chunks.push(newChunk());
      this.used = 1;
    }
    const last = this.chunks.length - 1;
    const chunk = this.chunks[last] as Buffer;
    const entry = this.entries++;
    this.entryStart = atLeast(this.entryStart, this.entries, GROWTH);
    this.lastHolder = atLeast(this.lastHolder, this.entries, GROWTH);
    this.entryStart[entry] = last * POOL_CHUNK_BYTES + this.used;
    this.used += chunk.write(text, this.used);
    chunk[this.used++] = NEWLINE;
    this.slotEntry[slot] = entry;
    this.slotText[slot] = text;
    return entry;
  }

  /**
   * Adds the next hit; `params` are its effective parameters, null when they cannot be read.
   * Its entries: id, type, outcome, summary, path, user agent, `name=value` of each parameter,
   * the raw query's pairs that read otherwise once decoded, issue codes and messages. Built
   * straight into the arrays, without lists in between: this runs for every stored hit.
   */
  add(hit: SearchableHit, params: Record<string, ParamValue> | null): void {
    const position = this.beginHit();
    let unsure = params === null;
    unsure = !this.pushFields(hit) || unsure;
    let pairsLeft = MAX_PAIRS_PER_HIT;
    // The names in the order they were given entries: the raw pairs usually come in it.
    const names = this.paramNames;
    const nameCount = params === null ? 0 : this.listNames(params);
    if (params !== null) {
      for (let i = 0; i < nameCount; i++) {
        const name = names[i] as string;
        unsure = !this.pushParam(name, params[name] as ParamValue) || unsure;
        this.hitNames.add(name, i);
      }
      pairsLeft -= nameCount;
    }
    if (params === null) this.hitNames.every();
    else if (this.namesCut) {
      // More names than a hit keeps entries of: no raw pair is read either.
      unsure = true;
      pairsLeft = 0;
      this.hitNames.every();
    }
    const raw = hit.rawQuery;
    let nextName = 0;
    for (let from = 0; raw !== '' && from <= raw.length;) {
      if (pairsLeft-- <= 0) {
        unsure = true;
        break;
      }
      let to = raw.indexOf('&', from);
      if (to < 0) to = raw.length;
      const start = from;
      from = to + 1;
      // Decoded, it keeps a third of its length at least: too long to keep, whatever it reads
      // (a pair of megabytes is not decoded just to learn that).
      if (to - start > 3 * MAX_ENTRY_BYTES) {
        unsure = true;
        continue;
      }
      // Most pairs read as the typed entry of the parameter that comes next: told in place.
      if (nextName < nameCount && params !== null) {
        const name = names[nextName] as string;
        if (this.readsAsTyped(raw, start, to, name, params)) {
          nextName++;
          continue;
        }
      }
      const extra = extraPair(raw.slice(start, to), params ?? NO_PARAMS, this.decodedPairs);
      if (extra === null) unsure = true;
      else if (extra !== undefined) unsure = !this.pushEntry(extra) || unsure;
    }
    names.fill('', 0, nameCount);
    unsure = !this.pushIssues(hit) || unsure;
    this.endHit(position, unsure);
  }

  /**
   * Lists the names of `params` into `paramNames`, at most MAX_PAIRS_PER_HIT (namesCut says
   * whether more were left out), and returns how many. The names the parse listed, when it
   * did: for…in would list all 100,000 names of an object entry at once (some 20 ms) before
   * the first.
   */
  private listNames(params: Record<string, ParamValue>): number {
    const names = this.paramNames;
    let count = 0;
    this.namesCut = false;
    const listed = listedNames(params);
    if (listed !== null) {
      for (const name of listed) {
        if (count === MAX_PAIRS_PER_HIT) return this.cutAt(count);
        names[count++] = name;
      }
      return count;
    }
    for (const name in params) {
      if (!Object.hasOwn(params, name)) continue;
      if (count === MAX_PAIRS_PER_HIT) return this.cutAt(count);
      names[count++] = name;
    }
    return count;
  }

  private cutAt(count: number): number {
    this.namesCut = true;
    return count;
  }

  /**
   * Tells the names' sink the bloom of the names of the hit at `position` whose parameters are
   * `params` (null: not readable), the very one add() tells, without making its entries: a
   * snapshot saved before the entries are built (at a shutdown, most often) needs no more.
   */
  tellNames(position: number, params: Record<string, ParamValue> | null): void {
    const bloom = this.hitNames;
    bloom.clear();
    if (params === null) bloom.every();
    else {
      const count = this.listNames(params);
      for (let i = 0; i < count; i++) bloom.add(this.paramNames[i] as string, i);
      if (this.namesCut) bloom.every();
      this.paramNames.fill('', 0, count);
    }
    bloom.tell(this.names, position);
  }

  /** tellNames() of a hit whose parameters are exactly its raw query's `pairs` (addPlain). */
  tellPlainNames(position: number, pairs: PlainPairs): void {
    const bloom = this.hitNames;
    bloom.clear();
    for (let i = 0; i < pairs.count; i++) bloom.add(pairs.names[i] as string, i);
    bloom.tell(this.names, position);
  }

  /**
   * add() for a hit whose parameters are exactly its raw query's pairs, read into `pairs`
   * (plain-pairs.ts): its `name=value` entries are those pairs decoded, in their order, so
   * the entries are the very ones add() makes from the parsed parameters, without the parse
   * nor the walk that told each raw pair reads as its parameter.
   */
  addPlain(hit: SearchableHit, pairs: PlainPairs): void {
    const position = this.beginHit();
    let unsure = !this.pushFields(hit);
    for (let i = 0; i < pairs.count; i++) {
      const name = pairs.names[i] as string;
      unsure = !this.pushRecent(name, pairs.values[i] as string) || unsure;
      this.hitNames.add(name, i);
    }
    unsure = !this.pushIssues(hit) || unsure;
    this.endHit(position, unsure);
  }

  /** Makes room for the next hit; its position. */
  private beginHit(): number {
    const position = this.hits++;
    this.first = atLeast(this.first, this.hits + 1, GROWTH);
    this.unsure = atLeast(this.unsure, this.hits, GROWTH);
    this.entriesAfter = atLeast(this.entriesAfter, this.hits, GROWTH);
    this.hitNames.clear();
    return position;
  }

  /** The entries of the hit's own fields; false when one is too long to keep. */
  private pushFields(hit: SearchableHit): boolean {
    let kept = this.pushEntry(hit.id);
    kept = this.pushRecent('', hit.type) && kept;
    kept = this.pushRecent('', hit.outcome) && kept;
    kept = this.pushRecent('', hit.summary) && kept;
    kept = this.pushRecent('', hit.path) && kept;
    return this.pushRecent('', hit.userAgent) && kept;
  }

  /** The entries of the hit's issues; false when one is too long to keep, or too many. */
  private pushIssues(hit: SearchableHit): boolean {
    let kept = true;
    for (let i = 0; i < hit.issues.length; i++) {
      // A JSON parameter of megabytes may bring 100,000 issues (a skipped slot each): past
      // this many the hit is read whole by a search, as for its pairs.
      if (i === MAX_ISSUES_PER_HIT) return false;
      const issue = hit.issues[i] as SearchableHit['issues'][number];
      kept = this.pushEntry(issue.code) && kept;
      kept = this.pushEntry(issue.message) && kept;
    }
    return kept;
  }

  private endHit(position: number, unsure: boolean): void {
    this.unsure[position] = unsure ? 1 : 0;
    this.first[position + 1] = this.idCount;
    this.entriesAfter[position] = this.entries;
    this.hitNames.tell(this.names, position);
  }

  /**
   * True when the raw pair `raw[from, to)` is `name=` and a value that decodes to the
   * parameter's typed text: it then reads as the typed entry (as extraPair would tell,
   * undecoded).
   */
  private readsAsTyped(
    raw: string,
    from: number,
    to: number,
    name: string,
    params: Record<string, ParamValue>,
  ): boolean {
    const value = params[name];
    return (
      typeof value === 'string' &&
      plainName(name) &&
      this.typedPairs.readsAs(raw, from, to, name, value)
    );
  }

  /** Adds the entry of a parameter to the hit being added; false when it is too long to keep. */
  private pushParam(name: string, value: ParamValue): boolean {
    return typeof value === 'string' && name !== ''
      ? this.pushRecent(name, value)
      : this.pushEntry(`${name}=${paramValueText(value)}`);
  }

  /** Adds the entry of `text` to the hit being added; false when it is too long to keep. */
  private pushEntry(text: string): boolean {
    return this.pushNumber(this.entryNumber(text));
  }

  /**
   * pushEntry of `name=value` (of `value` alone when `name` is ''), through the entry numbers
   * of recent texts.
   */
  private pushRecent(name: string, value: string): boolean {
    let values = this.recent.get(name);
    if (values === null) return this.pushEntry(name === '' ? value : `${name}=${value}`);
    let entry = values?.entries.get(value);
    if (entry !== undefined) {
      (values as RecentValues).found++;
      return this.pushNumber(entry);
    }
    entry = this.entryNumber(name === '' ? value : `${name}=${value}`);
    // Texts too long to keep are not worth remembering either.
    if (value.length > MAX_ENTRY_BYTES) return this.pushNumber(entry);
    if (!this.remember(name.length + value.length + RECENT_OVERHEAD_CHARS)) values = undefined;
    if (values === undefined) {
      values = { entries: new Map(), found: 0, missed: 0 };
      this.recent.set(name, values);
    }
    values.entries.set(value, entry);
    if (++values.missed >= RECENT_SAMPLE && values.found * RECENT_MIN_FOUND_ONE_IN < values.missed)
      this.recent.set(name, null);
    return this.pushNumber(entry);
  }

  private pushNumber(entry: number): boolean {
    if (entry < 0) return false;
    this.ids = atLeast(this.ids, this.idCount + 1, GROWTH);
    this.ids[this.idCount++] = entry;
    // Hits are added in position order: the last one to hold the entry is this one.
    this.lastHolder[entry] = this.hits - 1;
    return true;
  }

  /** The entry number of `text`, lower-cased, added when new; -1 when too long to keep. */
  private entryNumber(text: string): number {
    // Lower-casing never shortens a text and UTF-8 takes a byte or more per UTF-16 unit: a
    // text this long is too long to keep, told before megabytes are lower-cased and counted.
    if (text.length > MAX_ENTRY_BYTES) return -1;
    let lower = text.toLowerCase();
    if (lower.length > MAX_ENTRY_BYTES / 4 && Buffer.byteLength(lower) > MAX_ENTRY_BYTES) {
      return -1;
    }
    // A newline would end the entry early; the term that holds one is never narrowed.
    if (lower.includes('\n')) lower = lower.replace(/\n/g, ' ');
    return this.entryOf(lower);
  }

  /** Adds `count` hits without entries: every search reads them. */
  addUnsure(count: number): void {
    const from = this.hits;
    this.hits += count;
    this.first = atLeast(this.first, this.hits + 1, GROWTH);
    this.unsure = atLeast(this.unsure, this.hits, GROWTH);
    this.unsure.fill(1, from, this.hits);
    this.first.fill(this.idCount, from + 1, this.hits + 1);
    this.entriesAfter = atLeast(this.entriesAfter, this.hits, GROWTH);
    this.entriesAfter.fill(this.entries, from, this.hits);
    for (let position = from; position < this.hits; position++) {
      this.names(position, ALL_NAMES, ALL_NAMES);
    }
  }

  /** The entry holding byte `offset` of the pool. */
  private entryAt(offset: number): number {
    return lastAtMost(this.entryStart, this.entries, offset);
  }

  /** Bytes used of chunk `index`. */
  private usedOf(index: number): number {
    return index === this.chunks.length - 1 ? this.used : (this.chunkUsed[index] as number);
  }

  /** Where the newline after entry `entry` is. */
  private entryEnd(entry: number): number {
    const start = this.entryStart[entry] as number;
    const chunk = Math.floor(start / POOL_CHUNK_BYTES);
    const next = entry + 1 < this.entries ? (this.entryStart[entry + 1] as number) : -1;
    return next >= 0 && Math.floor(next / POOL_CHUNK_BYTES) === chunk
      ? next - 1
      : chunk * POOL_CHUNK_BYTES + this.usedOf(chunk) - 1;
  }

  /**
   * Marks the entries holding `needle`; with `prefix`, only those starting with it and
   * holding the needle after it. `into` collects the marks of several needles. Only the
   * entries there are when it starts (those `into` has room for) are read: hits added while
   * it gives the event loop back are candidates anyway (see candidates).
   */
  private async mark(
    needle: Buffer,
    into: Uint8Array,
    pause: Pause,
    prefix?: Buffer,
  ): Promise<void> {
    const clears = this.clears;
    // A needle starting with the separator finds the entry after it.
    const shift = needle[0] === NEWLINE ? 1 : 0;
    const chunks = this.chunks.length;
    let found = 0;
    for (let index = 0; index < chunks; index++) {
      const base = index * POOL_CHUNK_BYTES;
      const pool = (this.chunks[index] as Buffer).subarray(0, this.usedOf(index));
      for (let at = pool.indexOf(needle); at >= 0; at = pool.indexOf(needle, at)) {
        const entry = this.entryAt(base + at + shift);
        const start = (this.entryStart[entry] as number) - base;
        if (
          !prefix ||
          (at >= start + prefix.length &&
            pool.compare(prefix, 0, prefix.length, start, start + prefix.length) === 0)
        ) {
          into[entry] = 1;
        }
        // On to the next entry (its separator may start the next match).
        at = this.entryEnd(entry) - base;
        if (++found % PAUSE_EVERY === 0) {
          await pause();
          if (this.clears !== clears) return;
        }
      }
    }
  }

  private newMarks(): Uint8Array {
    return new Uint8Array(this.entries);
  }

  /** Entries holding `text` (lower-cased by the caller) anywhere. */
  async containing(text: string, pause = NO_PAUSE): Promise<EntryMarks> {
    if (text === '' || /[\n\uD800-\uDFFF]/.test(text)) return null;
    const marks = this.newMarks();
    await this.mark(Buffer.from(text), marks, pause);
    return marks;
  }

  /**
   * Entries that may hold a free-text term of `q` found in the hit's raw query as well: the
   * raw text is percent-encoded, so a term is looked for between `&`s, and past the last hex
   * digits of an escape it may begin in. A term with `%` or `+` cannot be told.
   */
  async containingRaw(term: string, pause = NO_PAUSE): Promise<EntryMarks[]> {
    const groups: EntryMarks[] = [];
    for (const part of term.split('&')) {
      if (part === '') continue;
      if (/[%+]/.test(part)) return [null];
      // Every entry holding the term holds each of its tails too, so the marks of the shortest
      // tail are those of all of them together: one scan of the entries, not one per tail.
      let tail = part;
      for (let cut = 1; cut <= 2 && HEX.test(part.slice(cut - 1)); cut++) tail = part.slice(cut);
      if (tail === '') return [null];
      const marks = await this.containing(tail, pause);
      if (marks === null) return [null];
      groups.push(marks);
    }
    return groups;
  }

  /** Entries of parameter `name` (any value). */
  parameter(name: string, pause = NO_PAUSE): Promise<EntryMarks> {
    return this.withPrefix(name, '', pause);
  }

  /** Entries of parameter `name` whose value holds `value` (lower-cased by the caller). */
  parameterHolding(name: string, value: string, pause = NO_PAUSE): Promise<EntryMarks> {
    return this.withPrefix(name, value, pause);
  }

  private async withPrefix(name: string, value: string, pause: Pause): Promise<EntryMarks> {
    const prefix = `${name.toLowerCase()}=`;
    if (/[\n\uD800-\uDFFF]/.test(prefix + value)) return null;
    const marks = this.newMarks();
    const prefixBytes = Buffer.from(prefix);
    if (value === '') await this.mark(Buffer.from(`\n${prefix}`), marks, pause);
    else await this.mark(Buffer.from(value), marks, pause, prefixBytes);
    return marks;
  }

  /** Entries that are exactly `name=value` (the API's `param.NAME=value`). */
  async parameterEqual(name: string, value: string, pause = NO_PAUSE): Promise<EntryMarks> {
    if (value === PARAM_PRESENT) return this.withPrefix(name, '', pause);
    const text = `${name}=${value}`.toLowerCase();
    if (/[\n\uD800-\uDFFF]/.test(text)) return null;
    const marks = this.newMarks();
    await this.mark(Buffer.from(`\n${text}\n`), marks, pause);
    return marks;
  }

  /**
   * A test of a hit position: true when it has an entry marked in every group (each group is
   * one term, or terms joined by OR), or the entries cannot speak for it. Every hit with
   * entries is tested at once, in one loop over the arrays: a search asks about every stored
   * hit, and a call per hit cost several times the test itself (a million hits took seconds).
   * When the rarest group's holders lie in a few short spans of hits, only those are tested.
   * A hit stored after the marks were `begun` is a candidate, as is every hit after a clear.
   */
  async candidates(
    groups: Uint8Array[],
    begun = this.marksBegun(),
    pause = NO_PAUSE,
  ): Promise<(position: number) => boolean> {
    const { hits, clears } = begun;
    const sets = groups.map(markedSet);
    const marked = new Uint8Array(hits);
    if (this.clears !== clears) return () => true;
    const rarest = sets.reduce<MarkedSet | undefined>(
      (least, set) => (least && least.entries.length <= set.entries.length ? least : set),
      undefined,
    );
    const spans = rarest && this.holderSpans(rarest, hits);
    if (spans) await this.markInSpans(spans, sets, marked, pause);
    else if (rarest && rarest.entries.length <= FEW_ENTRIES) {
      await this.markHolders(rarest.entries, sets, marked, pause);
    } else await this.markInSpans([0, hits - 1], sets, marked, pause);
    if (this.clears !== clears) return () => true;
    return (position) => position >= hits || marked[position] === 1;
  }

  /**
   * Where the holders of the set's entries lie, as spans of hit positions (first, last, …,
   * in order, apart): from the hit that made each entry to the last that holds it. Null when
   * the set marks too many entries to list, or the spans cover more than a share of the
   * `hits`: a rare free-text term marks a few texts, most held by one hit or a few close
   * together (`clip-7` of one event), so the test of every hit in turn, most of the time a
   * search of a million hits took, is left to the hits of those spans.
   */
  private holderSpans({ entries, all }: MarkedSet, hits: number): number[] | null {
    if (!all) return null;
    const spans: number[] = [];
    let covered = 0;
    for (const entry of entries) {
      const from = this.madeBy(entry);
      if (from >= hits) break;
      const to = Math.min(this.lastHolder[entry] as number, hits - 1);
      const last = spans.length - 1;
      // Entries ascend, so do the hits that made them: a span only meets the one before it.
      if (last > 0 && from <= (spans[last] as number) + 1) {
        if (to > (spans[last] as number)) {
          covered += to - (spans[last] as number);
          spans[last] = to;
        }
      } else {
        spans.push(from, to);
        covered += to - from + 1;
      }
      if (covered > hits / SPANS_SHARE_OF_HITS) return null;
    }
    return spans;
  }

  /** The hit that made entry `entry` (the first to hold it). */
  private madeBy(entry: number): number {
    let low = 0;
    let high = this.hits;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.entriesAfter[mid] as number) > entry) high = mid;
      else low = mid + 1;
    }
    return low;
  }

  /**
   * Marks the hits of the `spans` (first, last, …) that pass every set, and every hit the
   * entries cannot speak for: no other hit can pass.
   */
  private async markInSpans(
    spans: readonly number[],
    sets: MarkedSet[],
    marked: Uint8Array,
    pause: Pause,
  ): Promise<void> {
    const clears = this.clears;
    let tested = 0;
    for (let s = 0; s < spans.length; s += 2) {
      const last = spans[s + 1] as number;
      for (let position = spans[s] as number; position <= last; position++) {
        if (this.holdsAll(position, sets)) marked[position] = 1;
        if (++tested % PAUSE_EVERY === 0) {
          await pause();
          if (this.clears !== clears) return;
        }
      }
    }
    this.markUnsure(marked);
  }

  /** Marks the hits the entries cannot speak for. */
  private markUnsure(marked: Uint8Array): void {
    const unsure = this.unsure.subarray(0, marked.length);
    for (let p = unsure.indexOf(1); p >= 0; p = unsure.indexOf(1, p + 1)) marked[p] = 1;
  }

  /**
   * Marks the hits that hold one of `entries` and pass every set, and the hits the entries
   * cannot speak for: no other hit can. A term of one exact value (`param.e_c=Video`) marks
   * one entry or a few; the hits holding them are found by a search of the entry numbers in
   * native code, where a test of every hit in turn cost most of a search of a million.
   */
  private async markHolders(
    entries: readonly number[],
    sets: MarkedSet[],
    marked: Uint8Array,
    pause: Pause,
  ): Promise<void> {
    const clears = this.clears;
    const hits = marked.length;
    let found = 0;
    for (const entry of entries) {
      const ids = this.ids.subarray(0, this.idCount);
      for (let i = ids.indexOf(entry); i >= 0; i = ids.indexOf(entry, i + 1)) {
        const position = this.holderOf(i);
        if (position >= hits) break;
        if (marked[position] === 0 && this.holdsAll(position, sets)) marked[position] = 1;
        if (++found % PAUSE_EVERY === 0) {
          await pause();
          if (this.clears !== clears) return;
        }
      }
      await pause();
      if (this.clears !== clears) return;
    }
    this.markUnsure(marked);
  }

  /** The hit whose entry numbers hold index `i` of `ids`. */
  private holderOf(i: number): number {
    return lastAtMost(this.first, this.hits, i);
  }

  /**
   * The same test, hit by hit (for a few hits: candidates() tests them all at once); `begun`
   * as there.
   */
  candidateTest(groups: Uint8Array[], begun = this.marksBegun()): (position: number) => boolean {
    const sets = groups.map(markedSet);
    const { hits, clears } = begun;
    return (position) =>
      position >= hits || this.clears !== clears || this.holdsAll(position, sets);
  }

  private holdsAll(position: number, sets: MarkedSet[]): boolean {
    if (this.unsure[position] === 1) return true;
    const ids = this.ids;
    const from = this.first[position] as number;
    const to = this.first[position + 1] as number;
    for (let g = 0; g < sets.length; g++) {
      const { bits, low, high } = sets[g] as MarkedSet;
      let i = from;
      for (; i < to; i++) {
        const id = ids[i] as number;
        if (id >= low && id <= high && ((bits[id >>> 5] as number) & (1 << (id & 31))) !== 0) break;
      }
      if (i === to) return false;
    }
    return true;
  }
}

/** The last of the first `count` items of ascending `sorted` that is at most `value` (else 0). */
function lastAtMost(sorted: Float64Array | Uint32Array, count: number, value: number): number {
  let low = 0;
  let high = count - 1;
  while (low < high) {
    const mid = (low + high + 1) >>> 1;
    if ((sorted[mid] as number) <= value) low = mid;
    else high = mid - 1;
  }
  return low;
}

/**
 * Marked entries as bits, and the range they lie in: a term marks few entries, so most of a
 * hit's entries are ruled out by the range alone, and the bits of millions of entries stay
 * small enough for the processor's cache.
 */
interface MarkedSet {
  bits: Uint32Array;
  low: number;
  high: number;
  /** The marked entries in ascending order: all of them, or the first RARE_ENTRIES + 1. */
  entries: number[];
  /** True when `entries` lists every marked entry. */
  all: boolean;
}

/** Marked entries few enough to find their hits by their numbers (SearchText.markHolders). */
const FEW_ENTRIES = 8;
/** Marked entries few enough to list where their holders lie (SearchText.holderSpans). */
const RARE_ENTRIES = 4096;
/** Spans of holders covering more than this share of the hits are not worth listing. */
const SPANS_SHARE_OF_HITS = 4;

function markedSet(marks: Uint8Array): MarkedSet {
  const bits = new Uint32Array((marks.length >>> 5) + 1);
  let low = marks.length;
  let high = -1;
  const entries: number[] = [];
  for (let entry = marks.indexOf(1); entry >= 0; entry = marks.indexOf(1, entry + 1)) {
    bits[entry >>> 5] = (bits[entry >>> 5] as number) | (1 << (entry & 31));
    if (entry < low) low = entry;
    high = entry;
    if (entries.length <= RARE_ENTRIES) entries.push(entry);
  }
  return { bits, low, high, entries, all: entries.length <= RARE_ENTRIES };
}
