// A visit's detail is built action by action with a pause after each: a visit holds up to
// 10,000 actions, and the server gives the event loop back while it builds them.
import { describe, expect, it } from 'vitest';
import { testHit } from './test-hits';
import { toVisitDetail } from './visit-dto';
import { VisitIndex } from './visit-index';

const ACTIONS = 40;

describe('visit detail', () => {
  it('pauses after each action and keeps the timeline in time order', async () => {
    const visits = new VisitIndex();
    // Arrival order differs from time order: the timeline sorts by time.
    const hits = Array.from({ length: ACTIONS }, (_, i) =>
      testHit((ACTIONS - i) * 10, { url: `https://shop.example/p/${i}` }),
    );
    for (const hit of hits) visits.assign(hit);
    const visit = [...visits.newestFirst()][0]!;
    expect(visit.hitCount).toBe(ACTIONS);
    let pauses = 0;
    const detail = await toVisitDetail(
      visit,
      (hitId) => ({ url: `described ${hitId}` }),
      () => [],
      async () => {
        pauses++;
      },
    );
    expect(pauses).toBeGreaterThanOrEqual(ACTIONS);
    expect(detail.actions.map((action) => action.hitId)).toEqual(
      hits.map((hit) => hit.id).reverse(),
    );
    expect(detail.actions[0]).toMatchObject({ url: `described ${hits[ACTIONS - 1]!.id}` });
    // Ten seconds between page views; the last one lasts until the visit's last hit.
    expect(detail.actions.slice(0, -1).every((action) => action.timeOnPageMs === 10_000)).toBe(
      true,
    );
  });
});
