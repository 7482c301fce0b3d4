// A small route table: `/api/hits/:id`-style patterns, method matching with 405 + Allow.
// HEAD is answered by the GET route of a path (RFC 9110 §9.3.2: the same status and headers,
// no body), so no route declares it and none can forget it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AdminContext } from '../contracts';
import { readJsonBody } from './body';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
/** What a route may be asked with: its own method, or HEAD for a GET route. */
export type RequestMethod = Method | 'HEAD';

/** What a route handler gets for one request. */
export interface RouteRequest {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  /** Values of the `:name` segments of the pattern. */
  params: Record<string, string>;
  ctx: AdminContext;
  /** A HEAD request: answer the status and headers of the GET, and write no body. */
  head: boolean;
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
  | { kind: 'method'; allowed: RequestMethod[] }
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

/** The methods a path takes, GET and HEAD first, for the Allow header of a 405. */
function allowList(methods: readonly Method[]): RequestMethod[] {
  const unique = [...new Set(methods)];
  const rest = unique.filter((method) => method !== 'GET');
  return unique.includes('GET') ? ['GET', 'HEAD', ...rest] : rest;
}

export function matchRoute(routes: readonly Route[], method: string, pathname: string): RouteMatch {
  const methods: Method[] = [];
  const wanted = method === 'HEAD' ? 'GET' : method;
  // A trailing slash is tolerated: `/api/hits/` is `/api/hits`.
  const path = pathname.length > 1 && pathname.endsWith('/') ? pathname.slice(0, -1) : pathname;
  for (const route of routes) {
    const params = matchPath(route.path, path);
    if (!params) continue;
    if (route.method === wanted) {
      return { kind: 'found', route, params };
    }
    methods.push(route.method);
  }
  return methods.length > 0 ? { kind: 'method', allowed: allowList(methods) } : { kind: 'none' };
}

/** Runs the route a request matched, given what every route is given for a request. */
export function handleMatch(
  match: Extract<RouteMatch, { kind: 'found' }>,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  ctx: AdminContext,
): Promise<void> | void {
  return match.route.handle({
    req,
    res,
    url,
    params: match.params,
    ctx,
    head: req.method === 'HEAD',
    readJson: () => readJsonBody(req),
  });
}
