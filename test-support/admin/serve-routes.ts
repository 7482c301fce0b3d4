// Admin routes behind a bare HTTP server, for tests of what the routes do with their input
// (the admin handler's security checks are tested with the handler itself).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AdminContext } from '../../electron/server/contracts';
import { ApiError, sendApiError, sendError } from '../../electron/server/admin/reply';
import { handleMatch, matchRoute, type Route } from '../../electron/server/admin/router';

export interface ServedRoutes {
  base: string;
  close(): Promise<void>;
}

export async function serveRoutes(routes: Route[], ctx: AdminContext): Promise<ServedRoutes> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = matchRoute(routes, req.method ?? 'GET', url.pathname);
    if (match.kind !== 'found') return sendError(res, 404, 'not_found', 'no route');
    Promise.resolve()
      .then(() => handleMatch(match, req, res, url, ctx))
      .catch((err: unknown) => {
        if (err instanceof ApiError) sendApiError(res, err);
        else sendError(res, 500, 'internal', String(err));
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
