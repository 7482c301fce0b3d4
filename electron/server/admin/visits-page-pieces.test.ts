// A page of visits names every hit of each visit (10,000 a visit at most): megabytes of JSON
// on a full window, which encoded in one go held the event loop for 60 ms. It is written in
// pieces, visit by visit, as a visit's timeline is, and reads as the same JSON.
import { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { VisitsPageDto } from '../../../shared/visits';
import {
  startTestServer,
  TEST_TOKEN,
  type TestServer,
} from '../../../test-support/capture/server-harness';

let t: TestServer | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await t?.dispose();
  t = undefined;
});

const UA = { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/131.0' };

describe('a page of visits', () => {
  it('is written in pieces, one visit after another', { timeout: 60_000 }, async () => {
    t = await startTestServer();
    for (const site of [1, 2, 3]) {
      await t.send('GET', `/matomo.php?idsite=${site}&rec=1&_id=0123456789abcdef&action_name=P`, {
        headers: UA,
      });
    }
    let page: VisitsPageDto;
    do page = await t.api<VisitsPageDto>('/api/visits');
    while (page.visits.length < 3);
    // Encoded a visit at a time: the writes of a short answer are joined, its encoding not.
    const server = vi.spyOn(ServerResponse.prototype, 'write');
    const stringify = vi.spyOn(JSON, 'stringify');
    const answer = await t.send('GET', '/api/visits', {
      headers: { authorization: `Bearer ${TEST_TOKEN}` },
    });
    const encoded = stringify.mock.calls.map(([value]) => value as Partial<VisitsPageDto>);
    vi.restoreAllMocks();
    expect(server).toHaveBeenCalled();
    expect(JSON.parse(answer.text)).toEqual(page);
    expect(encoded.filter((value) => value?.visits !== undefined)).toEqual([]);
    const visitIds = page.visits.map((visit) => visit.id);
    expect(
      encoded.filter((value) => visitIds.includes((value as { id?: string })?.id ?? '')),
    ).toHaveLength(3);
  });
});
