// JSON answers written while they are made, for answers too long to hold whole (a visit's
// detail: 10,000 actions, megabytes of JSON). The bytes are those sendJsonInPieces writes for
// the same value, sent chunked (the length is not known beforehand), a chunk at a time with
// the response's backpressure respected and the event loop given back between slices.
import type { ServerResponse } from 'node:http';
import { jsonInSlices } from '../storage/json-in-slices';
import { yieldToLoop } from '../storage/journal-scan';
import { itemJson, setJsonHeaders } from './reply';
import { writeParts } from './write-parts';

/**
 * A list field: an array, or an iterator whose items are made only as they are written (so
 * that the answer never holds them all, and they are collected young).
 */
function isList(value: unknown): value is Iterable<unknown> {
  if (Array.isArray(value)) return true;
  const iterator = value as Partial<Iterator<unknown> & Iterable<unknown>> | null;
  return (
    typeof iterator === 'object' &&
    iterator !== null &&
    typeof iterator.next === 'function' &&
    typeof iterator[Symbol.iterator] === 'function'
  );
}

/** The JSON of `value` in parts: each field alone, a list an item at a time. */
async function* jsonParts(value: Record<string, unknown>): AsyncGenerator<string | Buffer> {
  let glue = '{';
  for (const [key, field] of Object.entries(value)) {
    if (field === undefined) continue;
    yield `${glue}${JSON.stringify(key)}:`;
    glue = ',';
    if (!isList(field)) {
      yield* await jsonInSlices(field, yieldToLoop);
      continue;
    }
    let head = '[';
    for (const item of field) {
      const written = await itemJson(item, yieldToLoop);
      if (typeof written === 'string') yield head + written;
      else {
        yield head;
        yield* written;
      }
      head = ',';
    }
    yield head === '[' ? '[]' : ']';
  }
  yield glue === '{' ? '{}' : '}';
}

/**
 * A JSON answer (status 200) written as it is made: a field given as an iterator is written
 * as a list, its items made one at a time. A HEAD gets the headers alone.
 */
export async function sendJsonStreamed(
  res: ServerResponse,
  value: Record<string, unknown>,
): Promise<void> {
  if (res.headersSent || res.destroyed) {
    res.end();
    return;
  }
  setJsonHeaders(res, 200);
  if (res.req.method === 'HEAD') {
    res.end();
    return;
  }
  await writeParts(res, jsonParts(value));
}
