// The server's own refusals of tracking requests it cannot process: too large, URL too
// long, too many bulk entries, a parameter value over the cap, a stalled or aborted upload,
// unparsable HTTP. Each has a stable code, a status and a message naming the limit and how
// to change it; the request is still recorded (as failed) so it shows up in the UI.
import type { Issue } from '../../../shared/matomo/types';

export type RefusalCode =
  | 'limit.body_too_large'
  | 'limit.url_too_long'
  | 'limit.bulk_entries'
  | 'limit.param_value'
  | 'request.timeout'
  | 'request.aborted'
  | 'http.malformed'
  | 'analysis.failed'
  | 'storage.failed'
  | 'browser.not_sent';

export interface Refusal {
  code: RefusalCode;
  status: number;
  message: string;
  hint: string;
}

const SETTINGS_HINT =
  'Raise the limit in Settings › Limits (or PUT /api/settings) if the request is legitimate.';

export const refusals = {
  bodyTooLarge: (received: number, max: number): Refusal => ({
    code: 'limit.body_too_large',
    status: 413,
    message: `The request body is ${received} bytes; this server accepts at most ${max} bytes (limits.maxBodyBytes).`,
    hint: `Split the hits into smaller requests. ${SETTINGS_HINT}`,
  }),
  urlTooLong: (length: number, max: number): Refusal => ({
    code: 'limit.url_too_long',
    status: 414,
    message: `The URL is ${length} characters; this server accepts at most ${max} (limits.maxUrlLength). Web servers in front of Matomo usually refuse such URLs too.`,
    hint: `Send long requests as POST with the parameters in the body. ${SETTINGS_HINT}`,
  }),
  bulkEntries: (count: number, max: number): Refusal => ({
    code: 'limit.bulk_entries',
    status: 413,
    message: `The bulk request has ${count} entries; this server accepts at most ${max} per request (limits.maxBulkEntries). Nothing was tracked.`,
    hint: `Send the entries in several bulk requests. ${SETTINGS_HINT}`,
  }),
  paramValue: (name: string, length: number, max: number): Refusal => ({
    code: 'limit.param_value',
    status: 413,
    message: `The value of parameter "${name}" is ${length} characters; this server accepts at most ${max} (limits.maxParamValueLength). Nothing was tracked.`,
    hint: `Shorten the value. ${SETTINGS_HINT}`,
  }),
  timeout: (received: number, idleMs: number): Refusal => ({
    code: 'request.timeout',
    status: 408,
    message: `The upload stalled: no body data arrived for ${idleMs} ms after ${received} bytes. Nothing was tracked.`,
    hint: 'Check the client or the network between it and Hitscope; send the request again.',
  }),
  aborted: (received: number): Refusal => ({
    code: 'request.aborted',
    status: 499,
    message: `The client closed the connection after sending ${received} bytes of the body; no answer could be delivered and nothing was tracked.`,
    hint: 'The sender gave up or was stopped before finishing the request (page unload, timeout, crash).',
  }),
  malformed: (detail: string): Refusal => ({
    code: 'http.malformed',
    status: 400,
    message: `The bytes received are not a valid HTTP request (${detail}). Nothing was tracked.`,
    hint: 'Point only HTTP clients at the tracking endpoint (https:// is not served here: use http://).',
  }),
  analysisFailed: (detail: string): Refusal => ({
    code: 'analysis.failed',
    status: 400,
    message: `Hitscope could not analyse this request (${detail}). It is recorded as received.`,
    hint: 'This is a Hitscope defect; the stored request can be attached to a bug report.',
  }),
  /** A HAR entry the browser never got an answer for: blocked (an ad blocker?) or failed. */
  notSent: (error: string | null): Refusal => ({
    code: 'browser.not_sent',
    status: 0,
    message: /BLOCKED_BY_CLIENT/i.test(error ?? '')
      ? `Blocked by the browser (${error}): an ad blocker or privacy extension stopped this request, so Matomo never received it.`
      : `The browser got no answer to this request (${error ?? 'status 0'}): it failed or was cancelled, so Matomo may never have received it.`,
    hint: 'Allow the tracker in the ad blocker or privacy settings to see it tracked; the parameters below are what the page tried to send.',
  }),
  storageFailed: (detail: string): Refusal => ({
    code: 'storage.failed',
    status: 503,
    message: `Hitscope could not store this request (${detail}); it was not recorded.`,
    hint: 'Check free disk space and the permissions of the data directory.',
  }),
};

export function refusalIssue(refusal: Refusal): Issue {
  return { code: refusal.code, severity: 'error', message: refusal.message, hint: refusal.hint };
}

/** The answer body: JSON shaped like Matomo's bulk answer for bulk bodies, else plain text. */
export function refusalBody(
  refusal: Refusal,
  bulk: boolean,
): { contentType: string; body: string } {
  if (bulk) {
    return {
      contentType: 'application/json',
      body: JSON.stringify({ status: 'error', tracked: 0, invalid: 0, message: refusal.message }),
    };
  }
  return {
    contentType: 'text/plain; charset=utf-8',
    body: `${refusal.message}\n${refusal.hint}\n`,
  };
}
