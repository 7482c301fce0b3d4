import { describe, expect, it } from 'vitest';
import { TEXT_PREFIX_CHARS } from '../../../shared/api/text-cut';
import type {
  CompactStreamEvent,
  HitDto,
  HitSummaryDto,
  RequestRecordDto,
  SummaryDto,
} from '../../../shared/api/types';
import { makeCapture, makeHit, makeRequest } from '../../../test-support/admin/fixtures';
import { listedInCompactStream, toHitSummary } from './hit-fields';
import { formatEvent } from './sse';
import { addedPieces, hitsEventBytes } from './stream-pieces';
import { SLICED_HITS } from '../added-hits';
import { boundHit, boundRequest } from './text-cut';

const summary = { hits: 3, requests: 2, alerts: [] } as unknown as SummaryDto;

/** Hits and requests unlike each other: escapes, non-ASCII, a long value the stream cuts, a bulk. */
function variedCaptures() {
  const long = 'x'.repeat(TEXT_PREFIX_CHARS * 2 + 7);
  const plain = makeCapture({ params: { idsite: '1', rec: '1', action_name: 'Accueil – été' } });
  const escapes = makeCapture({
    params: { idsite: '1', rec: '1', action_name: 'a "quoted"\\ \n\t\u0001 line \u{1F600}' },
    userAgent: 'Mozilla/5.0 (Ünïcödé) 漢字',
  });
  const longValue = makeHit({
    params: { idsite: '1', rec: '1', url: `https://a.example/${long}` },
  });
  longValue.rawQuery = `idsite=1&rec=1&url=${long}`;
  const bulkRequest = makeRequest({ transport: 'bulk', method: 'POST', hitIds: [] });
  const bulkHits = [0, 1, 2].map((index) =>
    makeHit({ requestId: bulkRequest.id, index, batchSize: 3, transport: 'bulk' }),
  );
  const failed = makeRequest({ error: { code: 'body.too_large', message: 'too large: ü' } });
  return [
    plain,
    escapes,
    { request: makeRequest({ id: longValue.requestId }), hits: [longValue] },
    { request: bulkRequest, hits: bulkHits },
    { request: failed, hits: [] as HitDto[] },
  ];
}

/** The event as the stream wrote it before: each subscriber built and stringified it whole. */
function formattedBefore(
  captures: { request: RequestRecordDto; hits: HitDto[] }[],
  fields: 'compact' | 'full',
): string {
  const hits: (HitDto | HitSummaryDto)[] = [];
  const requests: RequestRecordDto[] = [];
  for (const { request, hits: added } of captures) {
    for (const hit of added)
      hits.push(fields === 'compact' ? toHitSummary(boundHit(hit)) : boundHit(hit));
    if (fields === 'full' || listedInCompactStream(request)) requests.push(boundRequest(request));
  }
  return formatEvent({ type: 'hits', hits, requests, summary } as CompactStreamEvent);
}

describe('stream pieces', () => {
  for (const fields of ['compact', 'full'] as const) {
    it(`join into the very bytes formatEvent writes (${fields})`, async () => {
      const captures = variedCaptures();
      const hitPieces = [];
      const requestPieces = [];
      for (const capture of captures) {
        const added = await addedPieces({ type: 'added', ...capture }, fields);
        hitPieces.push(...added.hits);
        if (added.request) requestPieces.push(added.request);
      }
      const bytes = hitsEventBytes(hitPieces, requestPieces, summary);
      expect(bytes.toString('utf8')).toBe(formattedBefore(captures, fields));
      // The long value really was cut, and the non-ASCII text survived the encoding.
      expect(bytes.toString('utf8')).toContain('"cut":');
      expect(bytes.toString('utf8')).toContain('漢字');
    });
  }

  it('are made once per event, whoever asks', () => {
    const capture = makeCapture();
    const event = { type: 'added' as const, ...capture };
    const first = addedPieces(event, 'compact');
    expect(addedPieces(event, 'compact')).toBe(first);
    // Another event with equal content gets its own pieces.
    expect(addedPieces({ ...event }, 'compact')).not.toBe(first);
    expect(addedPieces(event, 'full')).not.toBe(first);
  });

  it('leave a single request out of the compact stream, not out of the full one', async () => {
    const event = { type: 'added' as const, ...makeCapture() };
    expect((await addedPieces(event, 'compact')).request).toBeNull();
    expect((await addedPieces(event, 'full')).request?.id).toBe(event.request.id);
  });

  it('of a large bulk are made over several turns into the same bytes, for either kind', async () => {
    const request = makeRequest({ transport: 'bulk', method: 'POST', hitIds: [] });
    const count = SLICED_HITS * 3;
    const hits = Array.from({ length: count }, (_, index) =>
      makeHit({
        requestId: request.id,
        index,
        batchSize: count,
        transport: 'bulk',
        params: {
          idsite: '1',
          rec: '1',
          action_name: `Page ${index} – été "${'x'.repeat(index)}"`,
        },
      }),
    );
    const event = { type: 'added' as const, request, hits };
    for (const fields of ['compact', 'full'] as const) {
      const made = addedPieces(event, fields);
      expect(made).toBeInstanceOf(Promise);
      const pieces = await made;
      const bytes = hitsEventBytes(pieces.hits, pieces.request ? [pieces.request] : [], summary);
      expect(bytes.toString('utf8')).toBe(formattedBefore([{ request, hits }], fields));
    }
  });

  it('give each event bytes of its own, untouched by the events written after it', async () => {
    const [first, second] = variedCaptures();
    const piecesOf = async (capture: typeof first) => {
      const added = await addedPieces({ type: 'added', ...capture! }, 'full');
      return { hits: added.hits, requests: added.request ? [added.request] : [] };
    };
    const one = await piecesOf(first);
    const bytes = hitsEventBytes(one.hits, one.requests, summary);
    const two = await piecesOf(second);
    hitsEventBytes(two.hits, two.requests, summary);
    expect(bytes.toString('utf8')).toBe(formattedBefore([first!], 'full'));
    expect(bytes.length).toBe(Buffer.byteLength(formattedBefore([first!], 'full')));
  });

  it('write an event larger than the buffer kept for events, wide characters and all', async () => {
    const request = makeRequest({ transport: 'bulk', method: 'POST', hitIds: [] });
    const hits = Array.from({ length: 40 }, (_, index) =>
      makeHit({
        requestId: request.id,
        index,
        batchSize: 40,
        transport: 'bulk',
        params: { idsite: '1', rec: '1', action_name: `${index} ${'€😀漢'.repeat(2000)}` },
      }),
    );
    const pieces = await addedPieces({ type: 'added', request, hits }, 'full');
    const bytes = hitsEventBytes(pieces.hits, pieces.request ? [pieces.request] : [], summary);
    const expected = formattedBefore([{ request, hits }], 'full');
    expect(bytes.length).toBeGreaterThan(256 * 1024);
    expect(bytes.toString('utf8')).toBe(expected);
    expect(bytes.length).toBe(Buffer.byteLength(expected));
  });

  it('make an empty event as formatEvent does', () => {
    const bytes = hitsEventBytes([], [], summary);
    expect(bytes.toString('utf8')).toBe(
      formatEvent({ type: 'hits', hits: [], requests: [], summary }),
    );
  });
});
