// Paging /api/visits filtered by a hit criterion: visits come in the order of their newest
// matching hit, so a visit opened long ago may lead the list. The index evicts the oldest
// opened visit first: the visit a `next` cursor names may be gone when the next page is
// asked for, while the visits after it in the list are still held.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SettingsDto } from '../../../shared/api/types';
import { VisitIndex, type VisitHitInput, type VisitsPageDto } from '../../../shared/visits';
import { testHit } from '../../../shared/visits/test-hits';
import { serveRoutes, type ServedRoutes } from '../../../test-support/admin/serve-routes';
import type { AdminContext } from '../contracts';
import { visitRoutes } from './routes-visits';

let served: ServedRoutes;
let visits: VisitIndex;
/** The hits the store holds in memory, oldest first. */
let stored: VisitHitInput[];

beforeEach(async () => {
  visits = new VisitIndex({ maxHits: 5 });
  stored = [];
  const ctx = {
    visits,
    store: {
      // Every stored hit sending the event category "Match", newest first.
      async *matchingIdsInTurns() {
        for (const hit of stored.slice().reverse()) if (hit.params.e_c === 'Match') yield hit.id;
      },
      describeManyInTurns: async () => new Map(),
    },
    settings: { get: () => ({ sites: [] }) as unknown as SettingsDto },
  } as unknown as AdminContext;
  served = await serveRoutes(visitRoutes, ctx);
});

afterEach(async () => {
  await served.close();
});

/** A hit of its own visitor (`who`) at `at` seconds, stored and assigned. */
function send(at: number, who: string, params: Record<string, string> = {}): string {
  const hit = testHit(
    at,
    { _id: who.repeat(16).slice(0, 16), ...params },
    { remoteAddress: `198.51.100.${at + 1}` },
  );
  stored.push(hit);
  visits.assign(hit);
  return `v-${visits.visitOfHit(hit.id)!.firstHitId}`;
}

async function page(before: string | null, limit = 1): Promise<VisitsPageDto> {
  const cursor = before === null ? '' : `&before=${encodeURIComponent(before)}`;
  const res = await fetch(`${served.base}/api/visits?limit=${limit}&param.e_c=Match${cursor}`);
  expect(res.status).toBe(200);
  return (await res.json()) as VisitsPageDto;
}

describe('the next page of visits filtered by a hit criterion', () => {
  it('goes on after a visit evicted since the page before, skipping none', async () => {
    const a = send(0, 'a');
    const b = send(1, 'b', { e_c: 'Match', e_a: 'play' });
    const c = send(2, 'c', { e_c: 'Match', e_a: 'play' });
    const d = send(3, 'd', { e_c: 'Match', e_a: 'play' });
    // The first visit matches last: it leads the list.
    send(4, 'a', { e_c: 'Match', e_a: 'play' });
    const first = await page(null);
    expect(first.visits.map((visit) => visit.id)).toEqual([a]);
    // A new visitor's hit passes the bound: the oldest opened visit, the cursor's, goes.
    send(5, 'e');
    expect(visits.visit(a)).toBeUndefined();
    const listed: string[] = [];
    let next = first.next;
    while (next !== null) {
      const more = await page(next);
      listed.push(...more.visits.map((visit) => visit.id));
      next = more.next;
    }
    expect(listed).toEqual([d, c, b]);
  });

  it("does not list again a visit of the page before when the cursor's visit matches again", async () => {
    const b = send(0, 'b', { e_c: 'Match', e_a: 'play' });
    const c = send(1, 'c', { e_c: 'Match', e_a: 'play' });
    const d = send(2, 'd', { e_c: 'Match', e_a: 'play' });
    const first = await page(null, 2);
    expect(first.visits.map((visit) => visit.id)).toEqual([d, c]);
    // The cursor's visit matches again: it moves to the top of the list, before d.
    send(3, 'c', { e_c: 'Match', e_a: 'pause' });
    const second = await page(first.next, 2);
    expect(second.visits.map((visit) => visit.id)).toEqual([b]);
    expect(second.next).toBeNull();
  });
});
