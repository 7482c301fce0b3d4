// A visit's answer takes many turns (its hits are read for their URL and title), and hits
// assigned meanwhile may push the visit past the index's bound: with `maxHits: 1000`, the one
// visit of 10,000 hits stays until another visit opens, and is then evicted at once. The
// list leaves out what it could no longer answer for, and a visit's detail is answered as
// the visit was when asked for.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SettingsDto } from '../../../shared/api/types';
import { VisitIndex, type VisitDetailDto, type VisitsPageDto } from '../../../shared/visits';
import { testHit } from '../../../shared/visits/test-hits';
import { serveRoutes, type ServedRoutes } from '../../../test-support/admin/serve-routes';
import type { AdminContext } from '../contracts';
import { visitRoutes } from './routes-visits';

const ACTIONS = 10_000;

let served: ServedRoutes;
let visits: VisitIndex;
/** Called while the route reads the hits it describes. */
let whileDescribing: () => void;

beforeEach(async () => {
  visits = new VisitIndex({ maxHits: 1_000 });
  whileDescribing = () => undefined;
  const ctx = {
    visits,
    store: {
      describeManyInTurns: async () => {
        await new Promise((resolve) => setImmediate(resolve));
        whileDescribing();
        return new Map();
      },
    },
    settings: { get: () => ({ sites: [] }) as unknown as SettingsDto },
  } as unknown as AdminContext;
  served = await serveRoutes(visitRoutes, ctx);
});

afterEach(async () => {
  await served.close();
});

async function get<T>(path: string): Promise<{ status: number; json: T }> {
  const res = await fetch(served.base + path);
  return { status: res.status, json: (await res.json()) as T };
}

/** One visitor's visit of 10,000 actions, a second apart; its hit ids. */
function assignLargeVisit(): string[] {
  const ids: string[] = [];
  for (let i = 0; i < ACTIONS; i++) {
    const hit = testHit(i);
    visits.assign(hit);
    ids.push(hit.id);
  }
  return ids;
}

/** Another visitor's hit: a second visit, which pushes the first past the bound. */
const assignOtherVisitor = () =>
  visits.assign(
    testHit(ACTIONS + 5, { _id: 'fedcba9876543210' }, { remoteAddress: '198.51.100.9' }),
  );

describe('visits evicted while answered', () => {
  it('are not listed, and each listed visit is found', async () => {
    assignLargeVisit();
    whileDescribing = assignOtherVisitor;
    const page = await get<VisitsPageDto>('/api/visits');
    whileDescribing = () => undefined;
    const again = await get<VisitsPageDto>('/api/visits');
    expect(again.json.visits).toHaveLength(1);
    for (const listed of [...page.json.visits, ...again.json.visits]) {
      expect(listed.hitIds.every((id) => typeof id === 'string')).toBe(true);
      expect((await get(`/api/visits/${encodeURIComponent(listed.id)}`)).status).toBe(200);
    }
  });

  it('are not counted in the total of the page that leaves them out', async () => {
    assignLargeVisit();
    expect((await get<VisitsPageDto>('/api/visits')).json.total).toBe(1);
    whileDescribing = assignOtherVisitor;
    const page = await get<VisitsPageDto>('/api/visits');
    expect(page.json.visits).toHaveLength(0);
    expect(page.json.total).toBe(0);
    expect(page.json.next).toBeNull();
  });

  it('are shown in detail as they were when asked for', async () => {
    const ids = assignLargeVisit();
    const [listed] = (await get<VisitsPageDto>('/api/visits')).json.visits;
    expect(listed?.hitIds).toEqual(ids);
    whileDescribing = assignOtherVisitor;
    const detail = await get<VisitDetailDto>(`/api/visits/${encodeURIComponent(listed!.id)}`);
    expect(detail.status).toBe(200);
    expect(detail.json.hitIds).toEqual(ids);
    expect(detail.json.actions.map((action) => action.hitId)).toEqual(ids);
    expect(detail.json.actions[ACTIONS - 1]).toMatchObject({ type: 'pageview' });
    // The index has let it go meanwhile.
    expect(visits.visit(listed!.id)).toBeUndefined();
  });
});
