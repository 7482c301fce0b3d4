// Reads an import file: a HAR document, or NDJSON whose lines are exported hits, captured
// requests or data file lines (mixed freely). Every line or entry either becomes a request
// or is skipped with its reason; nothing aborts the import but a file that is none of these.
// The reading is a series of steps (one per line or entry), so the server can read a large
// file in slices and answer other requests between them (readImportFileInSlices); a line of
// megabytes is handed to the driver to parse (long-lines.ts). It keeps only each request's
// time and place: the requests are built again, in time order, as they are stored
// (ImportFile.requests).
import type { ImportResultDto } from '../../../shared/api/types';
import { captureItem, dataFileRequest, looksLikeCapture } from './from-capture';
import { harItem, isHar } from './from-har';
import { hitGroupItem, looksLikeHit, readHitLine, type HitLine } from './from-hit-lines';
import { byTime } from './by-time';
import { HitGroups } from './hit-groups';
import { cut, readTime, SkipList, type ImportItem } from './import-item';
import { Slicer } from '../storage/journal-scan';
import { jsonDocumentInSlices } from '../admin/json-parse-in-slices';
import { piecesOf, type TextPieces } from '../admin/text-pieces';
import {
  LONG_LINE_CHARS,
  longLinesParsedInSlices,
  longLinesParsedWhole,
  longLineValue,
  parseLine,
  PIECED_KEYS,
  shortLineValue,
  type ParsedLine,
  type ReadStep,
} from './long-lines';

export class ImportFileError extends Error {
  override name = 'ImportFileError';
}

export interface ImportFile {
  format: ImportResultDto['format'];
  skips: SkipList;
  /** How many requests the file holds. */
  count: number;
  /**
   * The requests in the order they arrived (file order where times are equal or unknown),
   * each read again from the file when its turn comes; undefined between steps of a reading,
   * a LongLine where the reading needs that line parsed (sent back to `next`).
   */
  requests(): Generator<ImportItem | ReadStep, void, ParsedLine | undefined>;
}

export interface ReadOptions {
  /** Only requests to tracking paths are imported from HAR and capture files. */
  isTrackingPath(path: string): boolean;
}

/**
 * What the first reading keeps of each request it found: its time and where it is. Keeping
 * the requests themselves until the file was read and sorted filled the young generation with
 * long-lived objects, and every scavenge copied them all again (turns of 100 ms and more).
 */
interface FoundRequests {
  /** Epoch milliseconds (Infinity when unknown), in the file order ties are broken by. */
  times: number[];
  /** The request again, as the first reading built it. */
  read(request: number): Generator<ReadStep, ImportItem, ParsedLine | undefined>;
}

const EXPECTED =
  'Hitscope imports its NDJSON and HAR exports and capture files (one JSON request per line).';

const timeOf = (item: ImportItem): number => item.receivedAt?.getTime() ?? Infinity;

/** False, and skipped, for a request to another path (HAR files hold every request of a page). */
function isTracking(item: ImportItem, skips: SkipList, options: ReadOptions): boolean {
  if (options.isTrackingPath(item.raw.path)) return true;
  const place = item.place;
  skips.add(
    place.entry !== undefined ? { entry: place.entry } : { line: place.lines?.[0] ?? 0 },
    `not a tracking request (${cut(item.raw.method, 20)} ${cut(item.raw.path)}): only requests to matomo.php, piwik.php, /js/ and the extra tracking paths (Settings › Limits) are imported`,
  );
  return false;
}

/** A request the first reading accepted is accepted again: anything else is a bug. */
function again<T>(read: T | string, where: string): T {
  if (typeof read === 'string') throw new Error(`${where} reads differently a second time`);
  return read;
}

function* readHar(
  document: { log: Record<string, unknown> },
  skips: SkipList,
  options: ReadOptions,
): Generator<ReadStep, FoundRequests> {
  const entries = document.log.entries;
  if (!Array.isArray(entries)) {
    throw new ImportFileError(`This HAR file has no log.entries list. ${EXPECTED}`);
  }
  const numbers: number[] = [];
  const times: number[] = [];
  for (let i = 0; i < entries.length; i++) {
    const item = harItem(entries[i], i + 1);
    if (typeof item === 'string') skips.add({ entry: i + 1 }, item);
    else if (isTracking(item, skips, options)) {
      numbers.push(i + 1);
      times.push(timeOf(item));
    }
    yield;
  }
  return {
    times,
    // eslint-disable-next-line require-yield -- one entry is one step: nothing to give back
    *read(request) {
      const entry = numbers[request]!;
      return again(harItem(entries[entry - 1], entry), `entry ${entry}`);
    },
  };
}

/** Where the line that starts at `start` ends (its `\n`, or the end of the text). */
function lineEnd(text: TextPieces, start: number): number {
  const end = text.indexOf('\n', start);
  return end < 0 ? text.length : end;
}

function* readLines(
  text: TextPieces,
  skips: SkipList,
  options: ReadOptions,
): Generator<ReadStep, FoundRequests, ParsedLine | undefined> {
  const captures = { lines: [] as number[], starts: [] as number[], times: [] as number[] };
  const groups = new HitGroups();
  let jsonLines = 0;
  let firstError = '';
  /** A line read from its value (null: a blank line). */
  function readLine(line: number, start: number, read: ParsedLine | null): void {
    if (read === null) return;
    if ('error' in read) {
      const reason = `not JSON (${(read.error as Error).message})`;
      firstError ||= `line ${line} is ${reason}`;
      skips.add({ line }, reason);
      return;
    }
    const value = read.value;
    jsonLines++;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      skips.add({ line }, 'not a JSON object');
      return;
    }
    const object = value as Record<string, unknown>;
    const record = dataFileRequest(object);
    if (looksLikeHit(object)) {
      const hit = readHitLine(object, line);
      if (typeof hit === 'string') skips.add({ line }, `not a valid exported hit: ${hit}`);
      else {
        const time = readTime(hit.receivedAt, [])?.getTime() ?? Infinity;
        const repeated = groups.add({ ...hit, start, time });
        if (repeated) skips.add({ line }, repeated);
      }
    } else if (record || looksLikeCapture(object)) {
      const item = captureItem(record ?? object, line);
      if (typeof item === 'string') skips.add({ line }, `not a valid captured request: ${item}`);
      else if (isTracking(item, skips, options)) {
        captures.lines.push(line);
        captures.starts.push(start);
        captures.times.push(timeOf(item));
      }
    } else {
      skips.add(
        { line },
        'neither an exported hit (requestId, rawQuery, …) nor a captured request (method, path or url, …)',
      );
    }
  }
  // Line by line from the file's pieces (a line across two is joined, the file never).
  for (let start = 0, line = 1; start < text.length; line++) {
    const end = lineEnd(text, start);
    // A short line is copied out once; a long one is handed on as pieces, never copied whole.
    const read =
      end - start < LONG_LINE_CHARS
        ? shortLineValue(text.slice(start, end))
        : yield* longLineValue(text.range(start, end));
    readLine(line, start, read);
    start = end + 1;
    yield;
  }
  if (jsonLines === 0) {
    throw new ImportFileError(
      `This file is neither NDJSON nor HAR (${firstError || 'it holds no JSON'}). ${EXPECTED}`,
    );
  }
  // Accepted the first time, so an object now.
  const parsed = (start: number) =>
    parseLine(text, start, lineEnd(text, start)) as Generator<
      ReadStep,
      Record<string, unknown>,
      ParsedLine | undefined
    >;
  const captured = captures.lines.length;
  // Captured requests first, then the exported ones by first appearance: the file order ties
  // are broken by, as it always was.
  return {
    times: captures.times.concat(groups.times),
    *read(request) {
      if (request < captured) {
        const line = captures.lines[request]!;
        const object = yield* parsed(captures.starts[request]!);
        return again(captureItem(dataFileRequest(object) ?? object, line), `line ${line}`);
      }
      const { lines, starts } = groups.linesOf(request - captured);
      const hits: HitLine[] = [];
      for (let i = 0; i < lines.length; i++) {
        if (i > 0) yield;
        const object = yield* parsed(starts[i]!);
        hits.push(again(readHitLine(object, lines[i]!), `line ${lines[i]}`));
      }
      return yield* hitGroupItem(hits);
    },
  };
}

/** True when the file opens as one JSON document (a HAR file, or NDJSON of objects). */
function opensDocument(text: TextPieces): boolean {
  return text.charCodeAt(text.firstNonSpace()) === 0x7b; // {
}

/**
 * True when a file that opens with `{` has it alone on its first line: a pretty-printed
 * document, which when it does not parse is a broken HAR file, not a series of bad lines.
 */
function opensPrettyDocument(text: TextPieces): boolean {
  return text.restOfLineBlank(text.firstNonSpace() + 1);
}

function notValidJson(error: unknown): ImportFileError {
  return new ImportFileError(
    `The file is not valid JSON (${(error as Error).message}). ${EXPECTED}`,
  );
}

/** The file's text without its byte order mark; an empty file is refused. */
function textOf(content: string | TextPieces): TextPieces {
  let text = piecesOf(content);
  if (text.charCodeAt(0) === 0xfeff) text = text.dropStart(1);
  if (text.isBlank()) throw new ImportFileError(`The file is empty. ${EXPECTED}`);
  return text;
}

/**
 * The reading, one step per line or entry, then the sort by time; `document` is the file
 * parsed as one JSON document (undefined when it is none).
 */
function* readImportFileSteps(
  text: TextPieces,
  document: unknown,
  options: ReadOptions,
): Generator<ReadStep, ImportFile, ParsedLine | undefined> {
  const skips = new SkipList();
  // A HAR file is one JSON document, usually pretty-printed over many lines.
  const format = isHar(document) ? 'har' : 'ndjson';
  const found = isHar(document)
    ? yield* readHar(document, skips, options)
    : yield* readLines(text, skips, options);
  const order = yield* byTime(found.times);
  return {
    format,
    skips,
    count: order.length,
    *requests() {
      for (const request of order) {
        const item = yield* found.read(request);
        yield item;
      }
    },
  };
}

/** The requests of a file, all at once (where nothing else waits). */
export function* itemsOf(file: ImportFile): Generator<ImportItem, void> {
  for (const item of longLinesParsedWhole(file.requests())) if (item) yield item;
}

/** The requests of a file, giving the event loop back every few milliseconds (the server). */
export async function* itemsInSlices(file: ImportFile): AsyncGenerator<ImportItem, void> {
  const slicer = new Slicer();
  const pause = () => slicer.tick();
  for await (const item of longLinesParsedInSlices(file.requests(), pause)) {
    if (item) yield item;
    await pause();
  }
}

/** Reads the whole file at once (`hitscope check`, where nothing else waits). */
export function readImportFile(content: string, options: ReadOptions): ImportFile {
  const text = textOf(content);
  let document: unknown;
  if (opensDocument(text)) {
    try {
      document = JSON.parse(text.join()) as unknown;
    } catch (error) {
      if (opensPrettyDocument(text)) throw notValidJson(error);
    }
  }
  const steps = longLinesParsedWhole(readImportFileSteps(text, document, options));
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
  }
}

/**
 * Reads the file giving the event loop back every few milliseconds (the server): a HAR
 * document is parsed in slices too, and a file in pieces is read as such.
 */
export async function readImportFileInSlices(
  content: string | TextPieces,
  options: ReadOptions,
): Promise<ImportFile> {
  const text = textOf(content);
  const slicer = new Slicer();
  const pause = () => slicer.tick();
  let document: unknown;
  if (opensDocument(text)) {
    // In pieces no longer than a long line: an NDJSON file opens with `{` too, and its first
    // line is parsed here before the reading finds the file is not one document (its raw
    // query kept in pieces, as the reading of its lines keeps it).
    const read = await jsonDocumentInSlices(text, pause, {
      pieceChars: LONG_LINE_CHARS,
      piecedKeys: PIECED_KEYS,
    });
    if (read) document = read.value;
    else if (opensPrettyDocument(text)) {
      // Only a broken document needs JSON.parse's reason, its position included.
      try {
        document = JSON.parse(text.join()) as unknown;
      } catch (error) {
        throw notValidJson(error);
      }
    }
  }
  const steps = longLinesParsedInSlices(readImportFileSteps(text, document, options), pause);
  for (;;) {
    const step = await steps.next();
    if (step.done === true) return step.value;
    await pause();
  }
}
