import { describe, expect, it } from 'vitest';
import {
  DTO_TEXT_BUDGET_CHARS,
  SMALL_PREFIX_CHARS,
  TEXT_PREFIX_CHARS,
} from '../../../shared/api/text-cut';
import type { HitDto } from '../../../shared/api/types';
import { makeHit, makeRequest } from '../../../test-support/admin/fixtures';
import { boundHit, boundRequest } from './text-cut';

function hitOf(params: Record<string, string>): HitDto {
  const rawQuery = Object.entries(params)
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
  return makeHit({
    params,
    rawQuery,
    occurrences: Object.entries(params).map(([name, value]) => ({
      name,
      value,
      raw: `${name}=${value}`,
      source: 'query' as const,
    })),
    decoded: Object.fromEntries(
      Object.entries(params).map(([name, value]) => [
        name,
        { name, raw: value, value, display: value, catalogueKey: null },
      ]),
    ),
  });
}

describe('boundHit', () => {
  it('keeps a short hit as it is', () => {
    const hit = hitOf({ idsite: '1', action_name: 'Home' });
    expect(boundHit(hit)).toBe(hit);
  });

  it('cuts a long value everywhere, with its full size, and not inside a surrogate pair', () => {
    const value = `${'a'.repeat(TEXT_PREFIX_CHARS - 1)}😀${'é'.repeat(100_000)}`;
    const hit = boundHit(hitOf({ idsite: '1', x: value }));
    expect(hit.params['x']).toBe('a'.repeat(TEXT_PREFIX_CHARS - 1));
    expect(hit.decoded['x']?.display).toBe(hit.params['x']);
    expect(hit.occurrences[1]?.value).toBe(hit.params['x']);
    expect(hit.params['idsite']).toBe('1');
    expect(hit.cut?.params).toEqual({
      x: { chars: value.length, bytes: Buffer.byteLength(value) },
    });
    expect(hit.cut?.rawQuery?.chars).toBe(value.length + 'idsite=1&x='.length);
  });

  it('keeps about the budget in all, however many long values', () => {
    const params: Record<string, string> = {};
    for (let i = 0; i < 200; i++) params[`p${i}`] = 'v'.repeat(TEXT_PREFIX_CHARS + 1);
    const hit = boundHit(hitOf(params));
    const bytes = JSON.stringify(hit).length;
    expect(bytes).toBeLessThan(DTO_TEXT_BUDGET_CHARS + TEXT_PREFIX_CHARS + 200 * 5 * 400);
    expect(hit.params['p199']).toHaveLength(SMALL_PREFIX_CHARS);
    expect(Object.keys(hit.cut?.params ?? {})).toHaveLength(200);
  });
});

describe('boundRequest', () => {
  it('cuts a long body and query, a base64 body at a whole group', () => {
    const body = Buffer.alloc(100_000, 7).toString('base64');
    const request = boundRequest(
      makeRequest({ body, bodyEncoding: 'base64', query: `x=${'q'.repeat(70_000)}` }),
    );
    expect(request.body.length % 4).toBe(0);
    expect(body.startsWith(request.body)).toBe(true);
    expect(request.bodyTruncated).toBe(true);
    expect(request.cut?.body).toEqual({ chars: body.length, bytes: body.length });
    expect(request.url).toBe(`${request.path}?${request.query}`);
    expect(request.cut?.query?.chars).toBe(70_002);
  });
});
