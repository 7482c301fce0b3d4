// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { ApiClient, ApiError, exportUrl } from './client';

const answer = (status: number, body: string) => async () =>
  new Response(body, { status, headers: { 'content-type': 'application/json' } });

describe('ApiClient', () => {
  it('turns the server error object into an ApiError with code and message', async () => {
    const client = new ApiClient({
      fetch: answer(400, '{"error":{"code":"bad_filter","message":"outcome must be …"}}'),
    });
    const error = await client.summary().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: 'bad_filter', message: 'outcome must be …' });
  });

  it('reports an unreachable server as a network error', async () => {
    const client = new ApiClient({
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
    });
    await expect(client.summary()).rejects.toMatchObject({ code: 'network', status: 0 });
  });

  it('sends filters as query parameters', async () => {
    const seen: string[] = [];
    const client = new ApiClient({
      fetch: async (input) => {
        seen.push(input);
        return new Response('{"hits":[],"next":null,"total":0}', { status: 200 });
      },
    });
    await client.hits(
      { outcome: ['rejected', 'excluded'], params: { e_c: 'Video' } },
      { limit: 10, before: 'c1' },
    );
    expect(seen[0]).toBe(
      '/api/hits?outcome=rejected&outcome=excluded&param.e_c=Video&limit=10&before=c1',
    );
    expect(exportUrl('csv', { idsite: 3 })).toBe('/api/export?idsite=3&format=csv');
  });

  it('sends every write as JSON, body-less ones too, and reads without a content type', async () => {
    const seen: { method: string; type: string | null; body: unknown }[] = [];
    const client = new ApiClient({
      fetch: async (_input, init) => {
        const headers = new Headers(init?.headers);
        seen.push({
          method: init?.method ?? 'GET',
          type: headers.get('content-type'),
          body: init?.body,
        });
        return new Response('{}', { status: 200 });
      },
    });
    await client.request('DELETE', '/api/history/x');
    await client.reset();
    await client.summary();
    // The server refuses writes without this type: it is what a page on another origin
    // cannot send, so the sign-in cookie alone never lets such a page change anything.
    expect(seen).toEqual([
      { method: 'DELETE', type: 'application/json', body: undefined },
      { method: 'POST', type: 'application/json', body: '{}' },
      { method: 'GET', type: null, body: undefined },
    ]);
  });
});
