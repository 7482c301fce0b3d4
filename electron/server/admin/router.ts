// A small route table: `/api/hits/:id`-style patterns, method matching with 405 + Allow.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AdminContext } from '../contracts';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What a route handler gets for one request. */
export interface RouteRequest {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  /** Values of the `:name` segments of the pattern. */
  params: Record<string, string>;
  ctx: AdminContext;
  /** The JSON body (checks content type, size and syntax; see body.ts). */
  readJson(): Promise<unknown>;
}

export interface Route {
  method: Method;
  /** Pattern from API_ROUTES, e.g. `/api/hits/:id`. */
  path: string;
  /** False only for /api/health. */
  auth?: boolean;
  handle(request: RouteRequest): Promise<void> | void;
}

export type RouteMatch =
  | { kind: 'found'; route: Route; params: Record<string, string> }
  | { kind: 'method'; allowed: Method[] }
  | { kind: 'none' };

function matchPath(pattern: string, pathname: string): Record<string, string> | null {
  const want = pattern.split('/');
  const got = pathname.split('/');
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] as string;
    const g = got[i] as string;
    if (w.startsWith(':')) {
      if (g === '') return null;
      try {
        params[w.slice(1)] = decodeURIComponent(g);
      } catch {
        return null;
      }
    } else if (w !== g) {
      return null;
    }
  }
  return params;
}

export function matchRoute(routes: readonly Route[], method: string, pathname: string): RouteMatch {
  const allowed: Method[] = [];
  // A trailing slash is tolerated: `/api/hits/` is `/api/hits`.
  const path = pathname.length > 1 && pathname.endsWith('/') ? pathname.slice(0, -1) : pathname;
  for (const route of routes) {
    const params = matchPath(route.path, path);
    if (!params) continue;
    if (route.method === method) {
      return { kind: 'found', route, params };
    }
    allowed.push(route.method);
  }
  return allowed.length > 0 ? { kind: 'method', allowed } : { kind: 'none' };
}
