import { describe, expect, it } from 'vitest';
import type { ApiClient, RawTextSource } from '../api/client';
import type { HitDetailDto } from '../../shared/api/types';
import { makeHit, makeRequest } from '../test-support/hit-factory';
import { fetchHits } from './fetch-hits';
import { replayRequest } from './replay';

const whole = `idsite=1&rec=1&action_name=Long&x=${'v'.repeat(200_000)}`;

/** A client whose hit answers hold the beginning of the raw query, as the server's do. */
function clientOf(detail: HitDetailDto, texts: Record<string, string>) {
  const asked: RawTextSource[] = [];
  const client = {
    hit: () => Promise.resolve(detail),
    rawText: (source: RawTextSource) => {
      asked.push(source);
      return Promise.resolve(texts['hitId' in source ? 'query' : 'body'] ?? '');
    },
  } as unknown as ApiClient;
  return { client, asked };
}

describe('fetchHits of a hit the inspection answer cut', () => {
  it('reads the whole raw query, and a replay sends all of it', async () => {
    const hit = makeHit({
      id: 'r-0.0',
      transport: 'get',
      rawQuery: whole.slice(0, 65_536),
      cut: { rawQuery: { chars: whole.length, bytes: whole.length } },
    });
    const { client, asked } = clientOf({ hit, request: null }, { query: whole });
    const { hits } = await fetchHits(client, [hit.id]);
    expect(asked).toEqual([{ hitId: 'r-0.0' }]);
    expect(hits[0]?.rawQuery).toBe(whole);
    const sent = replayRequest(hits[0]!, 'self');
    expect(`${sent.query ?? ''}${sent.body ?? ''}`).toContain(whole.slice(-1000));
    expect((sent.query ?? '').length + (sent.body ?? '').length).toBeGreaterThanOrEqual(
      whole.length,
    );
  });

  it('reads the bulk token from the whole body when the body was cut', async () => {
    const body = JSON.stringify({
      requests: Array.from({ length: 3000 }, () => `?idsite=1&rec=1&action_name=${'a'.repeat(40)}`),
      token_auth: 'abcdef0123456789abcdef0123456789',
    });
    const request = makeRequest({
      id: 'r',
      transport: 'bulk',
      body: body.slice(0, 65_536),
      cut: { body: { chars: body.length, bytes: body.length } },
    });
    const hit = makeHit({ id: 'r.0', transport: 'bulk', requestId: 'r' });
    const { client } = clientOf({ hit, request }, { body });
    const { hits } = await fetchHits(client, [hit.id]);
    expect(hits[0]?.bulkTokenAuth).toBe('abcdef0123456789abcdef0123456789');
  });

  it('asks for nothing more when nothing was cut', async () => {
    const hit = makeHit({ id: 's-0.0' });
    const { client, asked } = clientOf({ hit, request: null }, {});
    const { hits } = await fetchHits(client, [hit.id]);
    expect(asked).toEqual([]);
    expect(hits[0]?.rawQuery).toBe(hit.rawQuery);
  });
});
