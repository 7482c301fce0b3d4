// The whole texts the reading answers cut (shared/api/text-cut.ts), as downloads: a hit's raw
// query or one of its values, a request's body or query. Written in slices with the event loop
// given back between them, so a text of megabytes holds the server no longer than a slice.
import type { ServerResponse } from 'node:http';
import { API_ROUTES } from '../../../shared/api/routes';
import { REQUEST_RAW_PARTS, type RequestRawPart } from '../../../shared/api/text-cut';
import type { ParamValue } from '../../../shared/matomo/types';
import { yieldToLoop } from '../storage/journal-scan';
import { ApiError, drained, setBaseHeaders } from './reply';
import type { Route } from './router';
import { hitNotFound } from './hit-not-found';

/** Characters encoded and written per turn of the event loop (base64: whole groups of four). */
const SLICE_CHARS = 256 * 1024;

/** A file name safe in a quoted Content-Disposition value. */
const fileName = (text: string): string => text.replace(/[^A-Za-z0-9._-]/g, '_');

interface RawText {
  text: string;
  /** Decoded from base64 on the way (a binary body). */
  base64: boolean;
  file: string;
}

async function sendRaw(res: ServerResponse, head: boolean, raw: RawText): Promise<void> {
  setBaseHeaders(res);
  res.statusCode = 200;
  res.setHeader(
    'Content-Type',
    raw.base64 ? 'application/octet-stream' : 'text/plain; charset=utf-8',
  );
  res.setHeader('Content-Disposition', `attachment; filename="${fileName(raw.file)}"`);
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader(
    'Content-Length',
    raw.base64 ? Buffer.byteLength(raw.text, 'base64') : Buffer.byteLength(raw.text, 'utf8'),
  );
  if (head) {
    res.end();
    return;
  }
  for (let at = 0; at < raw.text.length && !res.destroyed;) {
    let end = Math.min(at + SLICE_CHARS, raw.text.length);
    // A slice ends between characters: before a high surrogate's pair is split.
    const last = raw.text.charCodeAt(end - 1);
    if (!raw.base64 && end < raw.text.length && last >= 0xd800 && last <= 0xdbff) end--;
    const piece = Buffer.from(raw.text.slice(at, end), raw.base64 ? 'base64' : 'utf8');
    at = end;
    if (!res.write(piece)) await drained(res);
    await yieldToLoop();
  }
  res.end();
}

/** A parameter value as text: a text as is, anything else (an array, a number) as JSON. */
const valueText = (value: ParamValue): string =>
  typeof value === 'string' ? value : JSON.stringify(value);

function requestPart(url: URL): RequestRawPart {
  const part = url.searchParams.get('part') || 'body';
  if ((REQUEST_RAW_PARTS as readonly string[]).includes(part)) return part as RequestRawPart;
  throw new ApiError(
    400,
    'query.invalid',
    `part must be one of ${REQUEST_RAW_PARTS.join(', ')}, got "${part}".`,
  );
}

export const rawRoutes: Route[] = [
  {
    method: 'GET',
    path: API_ROUTES.hitRaw,
    handle: async ({ res, ctx, params, url, head }) => {
      const id = params.id ?? '';
      // The raw query and the parameters are kept whole whatever the views: the shorter
      // 'reading' views spare decoding a value of megabytes that is not sent.
      const detail = await ctx.store.detail(id, 'reading');
      if (!detail) throw hitNotFound(ctx.store, id);
      const name = url.searchParams.get('param');
      if (name === null) {
        await sendRaw(res, head, {
          text: detail.hit.rawQuery,
          base64: false,
          file: `hit-${id}.txt`,
        });
        return;
      }
      const value = Object.hasOwn(detail.hit.params, name) ? detail.hit.params[name] : undefined;
      if (value === undefined) {
        throw new ApiError(404, 'param.not_found', `Hit "${id}" has no parameter "${name}".`);
      }
      await sendRaw(res, head, {
        text: valueText(value),
        base64: false,
        file: `hit-${id}-${name}.txt`,
      });
    },
  },
  {
    method: 'GET',
    path: API_ROUTES.requestRaw,
    handle: async ({ res, ctx, params, url, head }) => {
      const id = params.id ?? '';
      const part = requestPart(url);
      const request = ctx.store.getRequest(id);
      if (!request) throw new ApiError(404, 'request.not_found', `No request with id "${id}".`);
      await sendRaw(
        res,
        head,
        part === 'query'
          ? { text: request.query, base64: false, file: `request-${id}-query.txt` }
          : {
              text: request.body,
              base64: request.bodyEncoding === 'base64',
              file: `request-${id}-body.${request.bodyEncoding === 'base64' ? 'bin' : 'txt'}`,
            },
      );
    },
  },
];
