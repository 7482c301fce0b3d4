// Long texts through the real server: the answers meant for reading (a page of hits, one hit,
// one request) carry the beginning of each and say how long it was; the raw routes give the
// whole text byte for byte, from memory or from the data file after a restart; the exports and
// /api/wait keep every value whole.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEXT_PREFIX_CHARS } from '../../shared/api/text-cut';
import type {
  HitDetailDto,
  HitsPageDto,
  RequestRecordDto,
  WaitResponseDto,
} from '../../shared/api/types';
import { call } from '../../test-support/admin/http-call';
import {
  getWithToken as get,
  LONG_VALUE_LIMITS as LIMITS,
  postHit as post,
} from '../../test-support/capture/long-value-posts';
import { startTestServer, type TestServer } from '../../test-support/capture/server-harness';

/** An answer meant for reading stays under this, whatever the hit holds. */
const SMALL_ANSWER_BYTES = 2 * 1024 * 1024;

describe('a hit of one 8 MB value', { timeout: 120_000 }, () => {
  let t: TestServer;
  const value = `é${'v'.repeat(8 * 1024 * 1024)}😀`;
  const body = `idsite=1&rec=1&action_name=Long&x=${encodeURIComponent(value)}`;
  let id = '';
  beforeAll(async () => {
    t = await startTestServer({ limits: LIMITS });
    id = await post(t, body);
  });
  afterAll(() => t.dispose());

  it('is small in a page of hits and alone, and says what was cut', async () => {
    const page = await get(t, '/api/hits?limit=10');
    expect(page.body.length).toBeLessThan(SMALL_ANSWER_BYTES);
    const [listed] = page.json<HitsPageDto>().hits;
    expect(listed?.cut?.params?.['x']).toEqual({
      chars: value.length,
      bytes: Buffer.byteLength(value),
    });
    const answer = await get(t, `/api/hits/${id}`);
    expect(answer.body.length).toBeLessThan(SMALL_ANSWER_BYTES);
    const { hit, request } = answer.json<HitDetailDto>();
    expect(hit.rawQuery).toBe(body.slice(0, TEXT_PREFIX_CHARS));
    expect(hit.cut?.rawQuery).toEqual({ chars: body.length, bytes: body.length });
    expect(value.startsWith(hit.params['x'] as string)).toBe(true);
    expect(hit.decoded['x']?.display.length).toBeLessThanOrEqual(TEXT_PREFIX_CHARS);
    // Short values are whole, and the request's body is cut as well.
    expect(hit.params['action_name']).toBe('Long');
    expect(request?.cut?.body?.chars).toBeGreaterThan(TEXT_PREFIX_CHARS);
    expect(request?.body.length).toBeLessThanOrEqual(TEXT_PREFIX_CHARS);
    const alone = await get(t, `/api/requests/${hit.requestId}`);
    expect(alone.body.length).toBeLessThan(SMALL_ANSWER_BYTES);
    const compact = await get(t, '/api/hits?limit=10&fields=compact');
    expect(compact.body.length).toBeLessThan(SMALL_ANSWER_BYTES);
  });

  it('comes whole from the raw route, as a download', async () => {
    const raw = await get(t, `/api/hits/${id}/raw`);
    expect(raw.status).toBe(200);
    expect(raw.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(raw.headers['content-disposition']).toMatch(/^attachment; filename="hit-.+\.txt"$/);
    expect(raw.text).toBe(body);
    const param = await get(t, `/api/hits/${id}/raw?param=x`);
    expect(param.text).toBe(value);
    expect(Number(param.headers['content-length'])).toBe(Buffer.byteLength(value));
  });

  it('stays whole in /api/wait and the exports', async () => {
    const wait = await t.api<WaitResponseDto>('/api/wait', {
      method: 'POST',
      body: { filter: { type: 'pageview' }, count: 1, timeoutMs: 30_000 },
    });
    expect(wait.hits[0]?.rawQuery).toBe(body);
    expect(wait.hits[0]?.cut).toBeUndefined();
    const ndjson = await get(t, '/api/export?format=ndjson');
    expect(ndjson.text).toContain(JSON.stringify(value).slice(1, -1));
    expect(ndjson.text).not.toContain('"cut":');
    // The HAR holds the request as stored (its body up to the stored-body cap), never cut more.
    const har = await get(t, '/api/export?format=har');
    expect(har.text).not.toContain('"cut":');
    expect(har.text.length).toBeGreaterThan(1024 * 1024);
  });

  it('answers 404 for unknown hits, requests and parameters', async () => {
    expect((await get(t, '/api/hits/nope-0/raw')).status).toBe(404);
    expect((await get(t, '/api/requests/nope/raw')).status).toBe(404);
    expect((await get(t, `/api/hits/${id}/raw?param=nope`)).status).toBe(404);
    expect((await call(`${t.url}/api/hits/${id}/raw`, {})).status).toBe(401);
  });
});

describe('the raw route gives every byte', { timeout: 120_000 }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hitscope-raw-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('of escapes, non-ASCII text and a binary body, also from the data file', async () => {
    let t = await startTestServer({ limits: LIMITS }, dataDir);
    // Escapes of bytes that are no UTF-8, and text past one slice of the route.
    const escapes = `idsite=1&rec=1&action_name=B%00%FF%C3%28&y=${'ü'.repeat(300_000)}😀&z=%E2%82`;
    const formId = await post(t, escapes);
    const binary = Buffer.concat([
      Buffer.from('idsite=1&rec=1&action_name=Bin&b='),
      Buffer.from(Array.from({ length: 200_000 }, (_, i) => (i * 7) % 256)),
    ]);
    // Not UTF-8: the record holds it as base64.
    const binaryId = await post(t, binary);
    const check = async () => {
      expect((await get(t, `/api/hits/${formId}/raw`)).text).toBe(escapes);
      const formRequest = (await get(t, `/api/hits/${formId}`)).json<HitDetailDto>().request;
      const formBody = await get(t, `/api/requests/${formRequest?.id ?? ''}/raw`);
      expect(formBody.body.equals(Buffer.from(escapes))).toBe(true);
      const binaryRequest = (await get(t, `/api/hits/${binaryId}`)).json<HitDetailDto>().request;
      expect(binaryRequest?.bodyEncoding).toBe('base64');
      const raw = await get(t, `/api/requests/${binaryRequest?.id ?? ''}/raw`);
      expect(raw.headers['content-type']).toBe('application/octet-stream');
      expect(raw.body.equals(binary)).toBe(true);
      const query = await get(t, `/api/requests/${binaryRequest?.id ?? ''}/raw?part=query`);
      expect(query.text).toBe('');
    };
    await check();
    await t.close();
    // After a restart the large bodies are read from the data file.
    t = await startTestServer({ limits: LIMITS }, dataDir);
    await t.hits();
    await check();
    await t.close();
  });
});

describe('a short hit', () => {
  it('is answered as it is, without `cut`', async () => {
    const t = await startTestServer();
    try {
      const id = await post(t, 'idsite=1&rec=1&action_name=Short');
      const { hit, request } = await t.api<HitDetailDto>(`/api/hits/${id}`);
      expect(hit.cut).toBeUndefined();
      expect(hit.rawQuery).toBe('idsite=1&rec=1&action_name=Short');
      expect((request as RequestRecordDto).cut).toBeUndefined();
    } finally {
      await t.dispose();
    }
  });
});
