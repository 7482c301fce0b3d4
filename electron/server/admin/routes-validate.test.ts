import { beforeEach, describe, expect, it } from 'vitest';
import type { ValidateResponseDto } from '../../../shared/api/types';
import { TEST_TOKEN } from '../../../test-support/admin/admin-test-server';
import { call } from '../../../test-support/admin/http-call';
import { useAdminTestServer } from '../../../test-support/admin/use-admin-test-server';
import { analyzeRequest } from '../../../shared/matomo/analyze';
import { rawRequestFromValidate, splitTrackingUrl } from './routes-validate';

const server = useAdminTestServer();
beforeEach(() => {
  server.analyzed.length = 0;
});

const validate = (json: unknown) =>
  call(`${server.base}/api/validate`, { token: TEST_TOKEN, json });

describe('splitTrackingUrl', () => {
  it('reads full URLs, paths with a query and bare query strings', () => {
    expect(splitTrackingUrl('https://stats.example/sub/matomo.php?idsite=1&rec=1#x')).toEqual({
      path: '/sub/matomo.php',
      query: 'idsite=1&rec=1',
    });
    expect(splitTrackingUrl('/piwik.php?idsite=2')).toEqual({
      path: '/piwik.php',
      query: 'idsite=2',
    });
    expect(splitTrackingUrl('?idsite=3&rec=1')).toEqual({
      path: '/matomo.php',
      query: 'idsite=3&rec=1',
    });
    expect(splitTrackingUrl('idsite=4')).toEqual({ path: '/matomo.php', query: 'idsite=4' });
    expect(() => splitTrackingUrl('javascript:alert(1)')).toThrow(/http/);
  });
});

// A tracker's request reaches matomo.php as its bytes: PHP decodes the query as sent
// (core/Tracker.php, $_GET), so a full URL must not be normalised before analysis.
describe('validating a full URL analyses the query as sent', () => {
  it('keeps raw spaces, quotes and broken escapes of a full URL', () => {
    expect(splitTrackingUrl('http://host/matomo.php?a=b c&q="x"&p=50%')).toEqual({
      path: '/matomo.php',
      query: 'a=b c&q="x"&p=50%',
    });
    expect(splitTrackingUrl('https://host:8080?a=1')).toEqual({ path: '/', query: 'a=1' });
    expect(() => splitTrackingUrl('http:///matomo.php?a=1')).toThrow(/host/);
  });
  it('reports encoding.unescaped for the URL form as for the path form', async () => {
    const codes = (url: string) =>
      analyzeRequest(rawRequestFromValidate({ url }, '127.0.0.1'), {
        now: Date.now(),
        sites: [],
      }).hits[0]?.issues.map((issue) => issue.code);
    const query = '?idsite=1&rec=1&action_name=a b';
    expect(codes(`http://host/matomo.php${query}`)).toContain('encoding.unescaped');
    expect(codes(`/matomo.php${query}`)).toContain('encoding.unescaped');
    await validate({ url: `http://host/matomo.php${query}` });
    expect(server.analyzed[0]?.query).toBe(query.slice(1));
  });
});

describe('POST /api/validate', () => {
  it('analyses a URL without storing it and answers hits, response and issues', async () => {
    const res = await validate({
      url: 'http://127.0.0.1:8765/matomo.php?idsite=1&rec=1&action_name=Home',
    });
    expect(res.status).toBe(200);
    const body = res.json<ValidateResponseDto>();
    expect(body.hits).toHaveLength(1);
    expect(body.hits[0]).toMatchObject({ outcome: 'recorded', params: { action_name: 'Home' } });
    expect(body.response).toEqual({
      status: 200,
      contentType: 'image/gif',
      body: '',
      bodyKind: 'gif',
    });
    expect(body.issues).toEqual([]);
    expect(server.analyzed[0]).toMatchObject({
      method: 'GET',
      path: '/matomo.php',
      query: 'idsite=1&rec=1&action_name=Home',
    });
    expect(server.store.summary().hits).toBe(0);
  });

  it('builds a POST from a body with its content type, method and headers', async () => {
    const res = await validate({
      body: 'idsite=1&e_c=Video',
      query: '?rec=1',
      headers: { 'User-Agent': 'Composer/1' },
    });
    expect(res.status).toBe(200);
    const raw = server.analyzed[0];
    expect(raw?.method).toBe('POST');
    expect(raw?.query).toBe('rec=1');
    expect(raw?.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
    expect(raw?.headers['user-agent']).toBe('Composer/1');
    expect(new TextDecoder().decode(raw?.body)).toBe('idsite=1&e_c=Video');
    expect(res.json<ValidateResponseDto>().hits[0]?.type).toBe('event');

    await validate({
      body: '{"requests":[]}',
      contentType: 'application/json',
      method: 'put',
      path: '/js/',
    });
    expect(server.analyzed[1]).toMatchObject({
      method: 'PUT',
      path: '/js/',
      headers: { 'content-type': 'application/json' },
    });
  });

  it('refuses requests with nothing to validate or wrong types', async () => {
    for (const body of [
      {},
      { url: 5 },
      { query: 'a=1', headers: 'x' },
      { body: 'a', extra: 1 },
      { url: 'ftp://x/' },
    ]) {
      const res = await validate(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json()).toMatchObject({ error: { code: 'validate.invalid' } });
    }
    expect(server.analyzed).toHaveLength(0);
  });
});
