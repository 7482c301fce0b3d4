// A visit's answer takes many turns (its hits are read for their URL and title), and hits
// assigned meanwhile may push the visit past the index's bound: with `maxHits: 1000`, the one
// visit of 10,000 hits stays until another visit opens, and is then evicted at once. The
// list leaves out what it could no longer answer for, and a visit's detail is answered as
// the visit was when asked for.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SettingsDto } from '../../../shared/api/types';
import { VisitIndex, type VisitDetailDto, type VisitsPageDto } from '../../../shared/visits';
import { testHit } from '../../../shared/visits/test-hits';
import type { AdminContext } from '../contracts';
import { ApiError, sendApiError, sendError } from './reply';
import { matchRoute } from './router';
import { visitRoutes } from './routes-visits';

const ACTIONS = 10_000;

let server: Server;
let base: string;
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
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = matchRoute(visitRoutes, req.method ?? 'GET', url.pathname);
    if (match.kind !== 'found') return sendError(res, 404, 'not_found', 'no route');
    Promise.resolve()
      .then(() =>
        match.route.handle({
          req,
          res,
          url,
          params: match.params,
          ctx,
          head: false,
          readJson: () => Promise.resolve(undefined),
        }),
      )
      .catch((err: unknown) => {
        if (err instanceof ApiError) sendApiError(res, err);
        else sendError(res, 500, 'internal', String(err));
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  await new Promise((resolve) => server.close(resolve));
});

async function get<T>(path: string): Promise<{ status: number; json: T }> {
  const res = await fetch(base + path);
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
