// Writing answers on the wire. The tracking answer is exactly the predicted Matomo response
// (status, headers, GIF bytes or text); the server's own refusals (limits, slow or broken
// uploads) are short explanations, JSON for bulk requests so bulk clients can parse them.
import type { ServerResponse } from 'node:http';
import type { PredictedResponse } from '../../../shared/matomo/types';

/** Reason phrases Matomo sends (docs/tracking-protocol.md#response-headers), where they differ from Node's. */
const MATOMO_REASONS: Record<number, string> = { 204: 'No Response' };

export function writeAnswer(
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body: Uint8Array | string | null,
  options: { close?: boolean } = {},
): void {
  if (res.headersSent || res.destroyed) return;
  // One writeHead with everything: cheaper than a setHeader per field on the hot path.
  const all: Record<string, string | number> = { ...headers };
  if (options.close) all.connection = 'close';
  const bytes =
    status === 204 || status === 304 || body === null
      ? null
      : typeof body === 'string'
        ? Buffer.from(body, 'utf8')
        : body;
  if (bytes) all['content-length'] = bytes.byteLength;
  const reason = MATOMO_REASONS[status];
  if (reason) res.writeHead(status, reason, all);
  else res.writeHead(status, all);
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

export function predictedHeaders(predicted: PredictedResponse): Record<string, string> {
  return predicted.contentType
    ? { ...predicted.headers, 'content-type': predicted.contentType }
    : { ...predicted.headers };
}
