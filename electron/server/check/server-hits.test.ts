// Reading a server's hits: every page followed, the token sent, the run filter asked for and
// checked, errors said plainly.
import { describe, expect, it } from 'vitest';
import type { HitSummaryDto } from '../../../shared/api/types';
import { summaryHit } from '../../../test-support/plan/summary-hit';
import { hitsOfServer, ServerHitsError } from './server-hits';

function fakeServer(pages: HitSummaryDto[][], status = 200) {
  const asked: { url: string; auth: string | undefined }[] = [];
  const fetch = (async (url: string, init?: { headers?: Record<string, string> }) => {
    asked.push({ url, auth: init?.headers?.authorization });
    const before = new URL(url).searchParams.get('before');
    const index = before === null ? 0 : Number(before);
    const body =
      status === 200
        ? { hits: pages[index] ?? [], next: index + 1 < pages.length ? String(index + 1) : null }
        : { error: { code: 'x', message: 'Something is wrong.' } };
    return new Response(JSON.stringify(body), { status });
  }) as typeof globalThis.fetch;
  return { fetch, asked };
}

describe('hitsOfServer', () => {
  it('follows every page with the token and the run asked for', async () => {
    const inRun = (id: string) => ({ ...summaryHit({ id }), run: 'ci-1' });
    const server = fakeServer([[inRun('a'), inRun('b')], [inRun('c')]]);
    const hits = await hitsOfServer({
      server: 'http://127.0.0.1:1',
      token: 't0k',
      run: 'ci-1',
      fetch: server.fetch,
    });
    expect(hits.map((hit) => hit.id)).toEqual(['a', 'b', 'c']);
    expect(server.asked).toEqual([
      { url: 'http://127.0.0.1:1/api/hits?fields=compact&limit=1000&run=ci-1', auth: 'Bearer t0k' },
      {
        url: 'http://127.0.0.1:1/api/hits?fields=compact&limit=1000&run=ci-1&before=1',
        auth: 'Bearer t0k',
      },
    ]);
  });

  it('refuses hits outside the run (a server that ignores run=)', async () => {
    const server = fakeServer([[summaryHit({ id: 'x' })]]);
    await expect(
      hitsOfServer({ server: 'http://s', run: 'ci-1', fetch: server.fetch }),
    ).rejects.toThrow(/answered with hits outside run "ci-1" \(hit x\): it does not filter by run/);
  });

  it('says what the server answered', async () => {
    const server = fakeServer([], 400);
    const error = await hitsOfServer({ server: 'http://s', fetch: server.fetch }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ServerHitsError);
    expect((error as Error).message).toBe('Hitscope at http://s answered 400: Something is wrong.');
  });
});
