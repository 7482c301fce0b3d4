// Reading JSON request bodies of admin routes. Only `application/json` is accepted, on every
// request that may change something, with or without a body: no page on another origin can
// send that type without a CORS preflight (never granted), see security.ts.
import type { IncomingMessage } from 'node:http';
import type { GenericSchema, InferOutput } from 'valibot';
import { decodeBody } from '../../../shared/api/bodies';
import { isJsonContentType } from './security';
import { ApiError } from './reply';
import { Slicer } from '../storage/journal-scan';
import { jsonParseInSlices, utf8InSlices } from './json-parse-in-slices';

/** Admin bodies are small commands; 1 MiB leaves room for a large bulk in /api/validate. */
export const MAX_JSON_BODY_BYTES = 1024 * 1024;

/** Throws ApiError 415 unless the request says Content-Type: application/json. */
export function checkJsonContentType(req: IncomingMessage): void {
  const type = req.headers['content-type'];
  if (!isJsonContentType(type)) {
    throw new ApiError(
      415,
      'body.unsupported_media_type',
      `Admin requests other than GET must send Content-Type: application/json, even without a body (got ${type ? `"${type}"` : 'none'}).`,
    );
  }
}

/** The body's chunks as received (one Buffer.concat of tens of megabytes is a long turn). */
function readRaw(req: IncomingMessage, maxBytes: number): Promise<Buffer[]> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) {
      req.resume();
      reject(tooLarge(maxBytes));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > maxBytes) {
        failed = true;
        chunks.length = 0;
        reject(tooLarge(maxBytes));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!failed) resolve(chunks);
    });
    req.on('error', (err) => {
      if (failed) return;
      failed = true;
      reject(
        new ApiError(400, 'body.aborted', `The request body could not be read: ${err.message}`),
      );
    });
    req.on('aborted', () => {
      if (failed) return;
      failed = true;
      reject(new ApiError(400, 'body.aborted', 'The request body was aborted before it ended.'));
    });
  });
}

function tooLarge(maxBytes: number): ApiError {
  return new ApiError(413, 'body.too_large', `The JSON body is larger than ${maxBytes} bytes.`, {
    Connection: 'close',
  });
}

/**
 * The parsed JSON body; an empty body reads as `{}`. A large body (an import's file) is
 * decoded and parsed in slices, the event loop given back between them, and not joined into
 * one string (but to say where a body that is not JSON stops being JSON); the long string
 * values of `piecedKeys` (keys of the body's object) stay in pieces.
 */
export async function readJsonBody(
  req: IncomingMessage,
  maxBytes = MAX_JSON_BODY_BYTES,
  piecedKeys?: ReadonlySet<string>,
): Promise<unknown> {
  checkJsonContentType(req);
  const raw = await readRaw(req, maxBytes);
  const slicer = new Slicer();
  const pause = () => slicer.tick();
  const text = await utf8InSlices(raw, pause);
  if (text.isBlank()) return {};
  try {
    return await jsonParseInSlices(text, pause, { piecedKeys });
  } catch (err) {
    throw new ApiError(
      400,
      'body.invalid_json',
      `The body is not valid JSON: ${(err as Error).message}`,
    );
  }
}

/** The body as a plain object, or 400. */
export function expectObject(value: unknown, what = 'The body'): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ApiError(400, 'body.invalid', `${what} must be a JSON object.`);
  }
  return value as Record<string, unknown>;
}

/**
 * The body decoded with its declaration in shared/api/bodies, or 400 with the first problem:
 * `code` for a field, body.invalid where a JSON object was expected.
 */
export function decodeJsonBody<S extends GenericSchema<unknown, unknown>>(
  value: unknown,
  schema: S,
  code: string,
): InferOutput<S> {
  expectObject(value);
  const decoded = decodeBody(schema, value);
  if (decoded.ok) return decoded.value;
  throw new ApiError(400, decoded.notAnObject ? 'body.invalid' : code, decoded.message);
}
