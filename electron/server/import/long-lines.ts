// Lines of megabytes in an NDJSON import (an exported hit with one long value, a captured
// request with a large body): JSON.parse of such a line held the server for tens of
// milliseconds, once in each reading of the file. The readings are generators of steps; at a
// long line the step hands the line to its driver, which parses it in slices where other
// requests wait (the server) or whole where nothing does (`hitscope check`), and sends back
// the value or the error.
import { jsonParseInSlices } from '../admin/json-parse-in-slices';
import type { TextPieces } from '../admin/text-pieces';

/** Characters from which a line is parsed in slices (one megabyte took 10 to 15 ms). */
export const LONG_LINE_CHARS = 256 * 1024;

const UNPARSED = 'a long line was not parsed by the reading’s driver';

/**
 * Keys of a line's object whose long text stays in the pieces it was decoded in: an exported
 * hit's raw query of megabytes is only encoded again, a piece at a time (from-hit-lines.ts),
 * and joining it into one string held a turn for 20 ms and more.
 */
export const PIECED_KEYS: ReadonlySet<string> = new Set(['rawQuery']);

/** A step of a reading that asks its driver for a long line's JSON value. */
export class LongLine {
  constructor(readonly text: TextPieces) {}
}

/** What the driver sends back for a LongLine: the value, or JSON.parse's error. */
export type ParsedLine = { value: unknown } | { error: unknown };

/** What a reading's step yields: a pause point, or a long line to parse. */
export type ReadStep = void | LongLine;

/** The JSON value of the line text[start, end), as JSON.parse (it throws the same errors). */
export function* parseLine(
  text: TextPieces,
  start: number,
  end: number,
): Generator<ReadStep, unknown, ParsedLine | undefined> {
  if (end - start < LONG_LINE_CHARS) return JSON.parse(text.slice(start, end)) as unknown;
  const parsed = yield new LongLine(text.range(start, end));
  if (!parsed) throw new Error(UNPARSED);
  if ('error' in parsed) throw parsed.error;
  return parsed.value;
}

/** A short line's value; null when it is blank (as `line.trim() === ''`). */
export function shortLineValue(source: string): ParsedLine | null {
  if (source.trim() === '') return null;
  try {
    return { value: JSON.parse(source) as unknown };
  } catch (error) {
    return { error };
  }
}

/** A long line's value, parsed by the reading's driver; null when it is blank. */
export function* longLineValue(
  line: TextPieces,
): Generator<ReadStep, ParsedLine | null, ParsedLine | undefined> {
  if (line.isBlank()) return null;
  return (yield new LongLine(line)) ?? { error: new Error(UNPARSED) };
}

/** A long line parsed at once (where nothing else waits). */
function parsedWhole(line: LongLine): ParsedLine {
  try {
    return { value: JSON.parse(line.text.join()) as unknown };
  } catch (error) {
    return { error };
  }
}

/**
 * A long line parsed in slices, `pause` between them (the server): no JSON.parse of more than
 * LONG_LINE_CHARS; a long string value is joined from its pieces once, a copy and no parse,
 * but for a raw query (PIECED_KEYS), handed on as its pieces.
 */
async function parsedInSlices(line: LongLine, pause: () => Promise<void>): Promise<ParsedLine> {
  try {
    return {
      value: await jsonParseInSlices(line.text, pause, {
        pieceChars: LONG_LINE_CHARS,
        piecedKeys: PIECED_KEYS,
      }),
    };
  } catch (error) {
    return { error };
  }
}

/** A reading whose long lines are answered by its driver: each step gets back what it asked. */
type Reading<T, R> = Generator<T | LongLine, R, ParsedLine | undefined>;

/** The steps of `reading` other than its long lines, which are parsed at once. */
export function* longLinesParsedWhole<T, R>(reading: Reading<T, R>): Generator<T, R> {
  for (let step = reading.next(); ;) {
    if (step.done === true) return step.value;
    if (step.value instanceof LongLine) {
      step = reading.next(parsedWhole(step.value));
      continue;
    }
    yield step.value;
    step = reading.next();
  }
}

/** The steps of `reading` other than its long lines, which are parsed in slices, `pause` between. */
export async function* longLinesParsedInSlices<T, R>(
  reading: Reading<T, R>,
  pause: () => Promise<void>,
): AsyncGenerator<T, R> {
  for (let step = reading.next(); ;) {
    if (step.done === true) return step.value;
    if (step.value instanceof LongLine) {
      step = reading.next(await parsedInSlices(step.value, pause));
      continue;
    }
    yield step.value;
    step = reading.next();
  }
}
