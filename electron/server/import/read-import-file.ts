// Reads an import file: a HAR document, or NDJSON whose lines are exported hits, captured
// requests or data file lines (mixed freely). Every line or entry either becomes a request
// or is skipped with its reason; nothing aborts the import but a file that is none of these.
// The reading is a series of steps (one per line or entry), so the server can read a large
// file in slices and answer other requests between them (readImportFileInSlices).
import type { ImportResultDto } from '../../../shared/api/types';
import { captureItem, dataFileRequest, looksLikeCapture } from './from-capture';
import { harItem, isHar } from './from-har';
import {
  groupHitLines,
  hitGroupItem,
  looksLikeHit,
  readHitLine,
  type HitLine,
} from './from-hit-lines';
import { cut, SkipList, type ImportItem, type ImportPlace } from './import-item';
import { Slicer } from '../storage/journal-scan';
import { jsonDocumentInSlices } from '../admin/json-parse-in-slices';
import { piecesOf, type TextPieces } from '../admin/text-pieces';

export class ImportFileError extends Error {
  override name = 'ImportFileError';
}

export interface ImportFile {
  format: ImportResultDto['format'];
  /** Requests in the order they arrived (file order where times are equal or unknown). */
  items: ImportItem[];
  skips: SkipList;
}

export interface ReadOptions {
  /** Only requests to tracking paths are imported from HAR and capture files. */
  isTrackingPath(path: string): boolean;
}

const EXPECTED =
  'Hitscope imports its NDJSON and HAR exports and capture files (one JSON request per line).';

function firstSkipOf(place: ImportPlace): { line?: number; entry?: number } {
  return place.entry !== undefined ? { entry: place.entry } : { line: place.lines?.[0] ?? 0 };
}

/** Drops requests that are not tracking requests (HAR files hold every request of a page). */
function* keepTracking(
  items: ImportItem[],
  skips: SkipList,
  options: ReadOptions,
): Generator<void, ImportItem[]> {
  const kept: ImportItem[] = [];
  for (const item of items) {
    yield;
    if (item.source === 'hit' || options.isTrackingPath(item.raw.path)) {
      kept.push(item);
      continue;
    }
    skips.add(
      firstSkipOf(item.place),
      `not a tracking request (${cut(item.raw.method, 20)} ${cut(item.raw.path)}): only requests to matomo.php, piwik.php, /js/ and the extra tracking paths (Settings › Limits) are imported`,
    );
  }
  return kept;
}

/** Items merged between two steps of the sort. */
const MERGED_PER_STEP = 4096;

/**
 * Oldest first, so checks that depend on earlier hits (duplicate orders) see them in order;
 * file order where times are equal or unknown. A merge sort (stable, as Array#sort is), in
 * steps: one sort of 100,000 items held the server for tens of milliseconds.
 */
export function* byTime(items: readonly ImportItem[]): Generator<void, ImportItem[]> {
  const count = items.length;
  // The times read, and the sorted items gathered, in steps too: each was a pass over every
  // item in one turn (tens of milliseconds for 40,000).
  const times = new Float64Array(count);
  let order = new Uint32Array(count);
  for (let position = 0; position < count; position++) {
    times[position] = items[position]!.receivedAt?.getTime() ?? Infinity;
    order[position] = position;
    if ((position + 1) % MERGED_PER_STEP === 0) yield;
  }
  let merged = new Uint32Array(count);
  let sinceStep = 0;
  for (let width = 1; width < count; width *= 2) {
    for (let left = 0; left < count; left += 2 * width) {
      const middle = Math.min(left + width, count);
      const right = Math.min(left + 2 * width, count);
      for (let a = left, b = middle, to = left; to < right; to++) {
        // Ties take the left run's item: it came first in the file.
        if (b >= right || (a < middle && times[order[a]!]! <= times[order[b]!]!)) {
          merged[to] = order[a++]!;
        } else merged[to] = order[b++]!;
      }
      sinceStep += right - left;
      if (sinceStep >= MERGED_PER_STEP) {
        sinceStep = 0;
        yield;
      }
    }
    [order, merged] = [merged, order];
  }
  const sorted = new Array<ImportItem>(count);
  for (let to = 0; to < count; to++) {
    sorted[to] = items[order[to]!]!;
    if ((to + 1) % MERGED_PER_STEP === 0) yield;
  }
  return sorted;
}

function* readHar(
  document: { log: Record<string, unknown> },
  skips: SkipList,
): Generator<void, ImportItem[]> {
  const entries = document.log.entries;
  if (!Array.isArray(entries)) {
    throw new ImportFileError(`This HAR file has no log.entries list. ${EXPECTED}`);
  }
  const items: ImportItem[] = [];
  for (let i = 0; i < entries.length; i++) {
    const item = harItem(entries[i], i + 1);
    if (typeof item === 'string') skips.add({ entry: i + 1 }, item);
    else items.push(item);
    yield;
  }
  return items;
}

function* readLines(text: TextPieces, skips: SkipList): Generator<void, ImportItem[]> {
  const items: ImportItem[] = [];
  const hits: HitLine[] = [];
  let jsonLines = 0;
  let firstError = '';
  function readLine(source: string, line: number): void {
    if (source.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(source);
    } catch (error) {
      const reason = `not JSON (${(error as Error).message})`;
      firstError ||= `line ${line} is ${reason}`;
      skips.add({ line }, reason);
      return;
    }
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
      else hits.push(hit);
    } else if (record || looksLikeCapture(object)) {
      const item = captureItem(record ?? object, line);
      if (typeof item === 'string') skips.add({ line }, `not a valid captured request: ${item}`);
      else items.push(item);
    } else {
      skips.add(
        { line },
        'neither an exported hit (requestId, rawQuery, …) nor a captured request (method, path or url, …)',
      );
    }
  }
  // Line by line from the file's pieces (a line across two is joined, the file never).
  let line = 1;
  for (const source of text.lines()) {
    readLine(source, line++);
    yield;
  }
  if (jsonLines === 0) {
    throw new ImportFileError(
      `This file is neither NDJSON nor HAR (${firstError || 'it holds no JSON'}). ${EXPECTED}`,
    );
  }
  for (const group of yield* groupHitLines(hits, skips)) {
    items.push(hitGroupItem(group));
    yield;
  }
  return items;
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
 * The reading, one step per line or entry; `document` is the file parsed as one JSON document
 * (undefined when it is none).
 */
function* readImportFileSteps(
  text: TextPieces,
  document: unknown,
  options: ReadOptions,
): Generator<void, ImportFile> {
  const skips = new SkipList();
  // A HAR file is one JSON document, usually pretty-printed over many lines.
  if (isHar(document)) {
    const items = yield* keepTracking(yield* readHar(document, skips), skips, options);
    return { format: 'har', items: yield* byTime(items), skips };
  }
  const items = yield* keepTracking(yield* readLines(text, skips), skips, options);
  return { format: 'ndjson', items: yield* byTime(items), skips };
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
  const steps = readImportFileSteps(text, document, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
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
    const read = await jsonDocumentInSlices(text, pause);
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
  const steps = readImportFileSteps(text, document, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await pause();
  }
}
