// Writing answers on the wire. The tracking answer is exactly the predicted Matomo response
// (status, headers, GIF bytes or text); the server's own refusals (limits, slow or broken
// uploads) are short explanations, JSON for bulk requests so bulk clients can parse them.
import type { OutgoingHttpHeader, ServerResponse } from 'node:http';
import type { PredictedResponse } from '../../../shared/matomo/types';

/** Reason phrases Matomo sends (docs/tracking-protocol.md#response-headers), where they differ from Node's. */
const MATOMO_REASONS: Record<number, string> = { 204: 'No Response' };

export function writeAnswer(
  res: ServerResponse,
  status: number,
  headers: Readonly<Record<string, string>>,
  body: Uint8Array | string | null,
  options: { close?: boolean; contentType?: string | null } = {},
): void {
  if (res.headersSent || res.destroyed) return;
  const bytes =
    status === 204 || status === 304 || body === null
      ? null
      : typeof body === 'string'
        ? Buffer.from(body, 'utf8')
        : body;
  // Every field in one flat list for one writeHead: no copy of the header object per answer
  // (this runs for every hit), and no setHeader per field.
  const { contentType, close } = options;
  const fields: OutgoingHttpHeader[] = [];
  for (const name in headers) {
    if (contentType && name === 'content-type') continue;
    fields.push(name, headers[name] as string);
  }
  if (contentType) fields.push('content-type', contentType);
  if (close) fields.push('connection', 'close');
  if (bytes) fields.push('content-length', bytes.byteLength);
  const reason = MATOMO_REASONS[status];
  if (reason) res.writeHead(status, reason, fields);
  else res.writeHead(status, fields);
  if (bytes) res.end(bytes);
  else res.end();
}

/** The body bytes of a predicted response: the GIF (plus Matomo's error text after it), or text. */
export function predictedBody(
  predicted: PredictedResponse,
  gif: Uint8Array,
): Uint8Array | string | null {
  switch (predicted.bodyKind) {
    case 'gif':
      return predicted.body ? Buffer.concat([gif, Buffer.from(predicted.body, 'utf8')]) : gif;
    case 'empty':
      return null;
    default:
      return predicted.body ?? '';
  }
}
