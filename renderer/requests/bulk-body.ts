// The bulk builder's entries as the JSON body Matomo's bulk endpoint reads (docs/tracking-protocol.md#bulk-request):
// `{"requests":[…],"token_auth":"…","send_image":0}`. Entries are kept as the user wrote
// them; one that is a JSON object is sent as an object (values may be numbers), anything
// else as a string, so what Matomo would drop is dropped here too, visibly.
import type { SendRequestDto } from '../../shared/api/types';
import type { SendImageChoice } from '../store/bulk-slice';

/** The `requests` item for an entry's text. */
export function bulkItem(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed;
    } catch {
      // Not an object after all: sent as the string it is.
    }
  }
  return trimmed;
}

export interface BulkOptions {
  tokenAuth: string;
  sendImage: SendImageChoice;
}

export function bulkBody(items: readonly unknown[], options: BulkOptions): string {
  const body: Record<string, unknown> = { requests: items };
  if (options.tokenAuth !== '') body.token_auth = options.tokenAuth;
  if (options.sendImage !== 'omit') body.send_image = Number(options.sendImage);
  return JSON.stringify(body);
}

/** The send (`/api/send`) of a bulk: one JSON POST of the items to `path` at `target`. */
export function bulkSendRequest(
  target: string,
  path: string,
  items: readonly unknown[],
  options: BulkOptions,
): SendRequestDto & { body: string } {
  return {
    target,
    method: 'POST',
    path,
    body: bulkBody(items, options),
    headers: { 'content-type': 'application/json' },
  };
}

/** Lines pasted into the builder: one request per line (`?query`, a URL, or a JSON object). */
export function pastedLines(text: string): string[] {
  const trimmed = text.trim();
  // A whole bulk body pasted: its requests.
  if (trimmed.startsWith('{') && trimmed.includes('requests')) {
    try {
      const parsed = JSON.parse(trimmed.replace(/[\r\n]/g, '')) as { requests?: unknown };
      if (Array.isArray(parsed.requests)) {
        return parsed.requests.map((item) =>
          typeof item === 'string' ? item : JSON.stringify(item),
        );
      }
    } catch {
      // Not a bulk body: read line by line.
    }
  }
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) =>
      line.includes('?') || line.startsWith('{') || !line.includes('=') ? line : `?${line}`,
    );
}
