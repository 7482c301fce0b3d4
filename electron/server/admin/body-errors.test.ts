// The 400 answers of the admin bodies, pinned message by message: the bodies are declared in
// shared/api/bodies and decoded there, and API clients read these codes and messages.
import { describe, expect, it } from 'vitest';
import { ApiError } from './reply';
import { readNewHistoryEntry } from './routes-history';
import { planSend } from './routes-send';
import { rawRequestFromValidate } from './routes-validate';
import { parseWaitBody } from './routes-wait';

const request = { target: 'self', method: 'GET' };
const response = { status: 204, durationMs: 3, body: '', bodyEncoding: 'utf8' };
const entry = { kind: 'single', origin: 'composer', summary: 'pv', request, response };

function answer(run: () => unknown): { code: string; message: string } {
  try {
    run();
  } catch (err) {
    if (err instanceof ApiError) {
      expect(err.status).toBe(400);
      return { code: err.code, message: err.message };
    }
    throw err;
  }
  throw new Error('accepted');
}

describe('admin body errors', () => {
  it.each([
    [[], 'body.invalid', 'The body must be a JSON object.'],
    [{ url: 1 }, 'validate.invalid', 'url must be a string.'],
    [
      { url: 'a=1', x: 1 },
      'validate.invalid',
      expect.stringMatching(/^Unknown field "x"; expected url, query, body/),
    ],
    [
      { url: 'a=1', headers: [] },
      'validate.invalid',
      'headers must be an object of name: value strings.',
    ],
    [{ url: 'a=1', headers: { DNT: 1 } }, 'validate.invalid', 'header DNT must be a string.'],
    [{}, 'validate.invalid', 'Send {url}, {query} or {body, contentType} to validate.'],
  ])('validate %j', (body, code, message) => {
    expect(answer(() => rawRequestFromValidate(body, '127.0.0.1'))).toEqual({ code, message });
  });

  it('validate reads null as absent and lower-cases header names', () => {
    const raw = rawRequestFromValidate(
      { url: 'idsite=1', body: null, headers: { DNT: '1' } },
      '::1',
    );
    expect(raw.method).toBe('GET');
    expect(raw.headers).toEqual({ dnt: '1' });
  });

  it.each([
    [{ count: 0 }, 'wait.invalid', 'count must be an integer from 1 to 100000, got 0.'],
    [{ timeoutMs: 1.5 }, 'wait.invalid', 'timeoutMs must be an integer from 0 to 600000, got 1.5.'],
    [{ count: 'x' }, 'wait.invalid', 'count must be an integer from 1 to 100000, got "x".'],
    [
      { count: 'x', what: 1 },
      'wait.invalid',
      'Unknown field "what"; expected filter, count, timeoutMs.',
    ],
  ])('wait %j', (body, code, message) => {
    expect(answer(() => parseWaitBody(body))).toEqual({ code, message });
  });

  it('wait fills in its defaults', () => {
    expect(parseWaitBody({})).toMatchObject({ count: 1, timeoutMs: 10_000 });
  });

  it.each([
    [{ ...entry, kind: undefined }, 'history.invalid', 'kind must be single or bulk.'],
    [{ ...entry, origin: 'x' }, 'history.invalid', 'origin must be composer, bulk or replay.'],
    [{ ...entry, summary: 3 }, 'history.invalid', 'entry.summary must be a string.'],
    [{ ...entry, request: undefined }, 'body.invalid', 'request must be a JSON object.'],
    [{ ...entry, request: [] }, 'body.invalid', 'request must be a JSON object.'],
    [
      { ...entry, request: { method: 'GET' } },
      'history.invalid',
      'request.target must be "self" or a Matomo URL.',
    ],
    [
      { ...entry, request: { ...request, target: '' } },
      'history.invalid',
      'request.target must be "self" or a Matomo URL.',
    ],
    [
      { ...entry, request: { ...request, method: 'PUT' } },
      'history.invalid',
      'request.method must be GET or POST.',
    ],
    [
      { ...entry, request: { ...request, query: 1 } },
      'history.invalid',
      'request.query must be a string.',
    ],
    [
      { ...entry, request: { ...request, headers: 'x' } },
      'body.invalid',
      'request.headers must be a JSON object.',
    ],
    [{ ...entry, response: [] }, 'body.invalid', 'response must be a JSON object.'],
    [
      { ...entry, response: { ...response, durationMs: undefined } },
      'history.invalid',
      'response.status and response.durationMs must be numbers.',
    ],
    [
      { ...entry, response: { ...response, bodyEncoding: 'hex' } },
      'history.invalid',
      'response.body must be a string with bodyEncoding utf8 or base64.',
    ],
    [
      { ...entry, response: { ...response, headers: { a: 1 } } },
      'history.invalid',
      'response.headers["a"] must be a string.',
    ],
    [
      { ...entry, response: { ...response, url: 1 } },
      'history.invalid',
      'response.url must be a string.',
    ],
    [{ ...entry, response: null, error: 5 }, 'history.invalid', 'entry.error must be a string.'],
    [
      { ...entry, response: null },
      'history.invalid',
      'An entry needs the response it got, or the error that stopped it.',
    ],
  ])('history %j', (body, code, message) => {
    expect(answer(() => readNewHistoryEntry(body))).toEqual({ code, message });
  });

  it('history keeps what it was given, with the response defaults filled in', () => {
    expect(readNewHistoryEntry({ ...entry, summary: undefined })).toEqual({
      kind: 'single',
      origin: 'composer',
      summary: '',
      request,
      response: { ...response, url: '', statusText: '', headers: {} },
    });
  });

  const ctx = {
    selfUrl: () => 'http://127.0.0.1:1/',
    settings: { get: () => ({ upstreamUrl: '' }) },
    version: '0',
  } as unknown as Parameters<typeof planSend>[1];

  it.each([
    [{ target: 3 }, 'send.invalid', 'target must be a string.'],
    [
      { query: 'a=1', to: 'x' },
      'send.invalid',
      'Unknown field "to"; expected target, method, path, query, body, headers.',
    ],
    [
      { method: 'PUT' },
      'send.invalid',
      'method must be one of GET, POST, HEAD, OPTIONS, got "PUT".',
    ],
    [{ headers: [] }, 'send.invalid', 'headers must be an object of name: value strings.'],
    [{ headers: { 'a b': 1 } }, 'send.invalid', '"a b" is not a valid header name.'],
    [{ headers: { dnt: 1 } }, 'send.invalid', 'header dnt must be a single-line string.'],
  ])('send %j', (body, code, message) => {
    expect(answer(() => planSend(body, ctx))).toEqual({ code, message });
  });

  it('send reads null fields as absent', () => {
    const plan = planSend({ target: null, method: null, query: 'idsite=1', headers: null }, ctx);
    expect([plan.method, plan.url.href]).toEqual(['GET', 'http://127.0.0.1:1/matomo.php?idsite=1']);
  });
});
