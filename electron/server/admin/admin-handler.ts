// Entry of the admin side of the capture server: the UI at / and the API under /api/.
// Every request passes the checks of security.ts before any route sees it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AdminContext, AdminHandler } from '../contracts';
import { checkJsonContentType, readJsonBody } from './body';
import { ApiError, sendApiError, sendError } from './reply';
import { matchRoute } from './router';
import type { Route } from './router';
import { adminRoutes } from './routes';
import type { AdminOptions } from './routes';
import { StreamRegistry } from './sse';
import { authenticate, checkOrigin, tokenCookie, tokensEqual, TOKEN_QUERY } from './security';
import { isUiPagePath, isUiPath, sendHtml, serveUi } from './static-ui';

function isApiPath(pathname: string): boolean {
  return pathname === '/api' || pathname.startsWith('/api/');
}

function requestUrl(req: IncomingMessage): URL | null {
  try {
    return new URL(req.url ?? '/', 'http://localhost');
  } catch {
    return null;
  }
}

async function handleUi(ctx: AdminContext, req: IncomingMessage, res: ServerResponse, url: URL) {
  const queryToken = url.searchParams.get(TOKEN_QUERY);
  if (queryToken !== null && req.method === 'GET' && isUiPagePath(url.pathname)) {
    if (!tokensEqual(queryToken, ctx.token)) {
      sendHtml(
        res,
        401,
        'Wrong token',
        'This link carries an outdated or wrong token. Open the UI URL printed when the server started.',
      );
      return;
    }
    // Trade the URL token for a cookie and drop it from the address bar and history.
    url.searchParams.delete(TOKEN_QUERY);
    res.statusCode = 302;
    res.setHeader('Set-Cookie', tokenCookie(ctx.token));
    res.setHeader('Location', url.pathname + url.search);
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.end();
    return;
  }
  const auth = authenticate(req, ctx.token);
  if (auth !== 'ok') {
    sendHtml(
      res,
      401,
      'Token required',
      auth === 'wrong'
        ? 'The token is wrong (the server may have restarted with a new one). Open the UI URL printed when the server started.'
        : 'Open the UI URL printed when the server started (it carries a ?token=…), or send Authorization: Bearer <token>.',
    );
    return;
  }
  await serveUi(req, res, ctx.uiDir, url.pathname);
}

async function handleApi(
  ctx: AdminContext,
  routes: readonly Route[],
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
) {
  const match = matchRoute(routes, req.method ?? 'GET', url.pathname);
  const needsAuth = match.kind !== 'found' || match.route.auth !== false;
  if (needsAuth) {
    const auth = authenticate(req, ctx.token);
    if (auth !== 'ok') {
      const message =
        auth === 'wrong'
          ? 'The token is wrong.'
          : 'A token is required: send Authorization: Bearer <token> (printed when the server started).';
      sendError(res, 401, auth === 'wrong' ? 'auth.invalid' : 'auth.required', message, {
        'WWW-Authenticate': 'Bearer realm="hitscope"',
      });
      return;
    }
  }
  if (match.kind === 'none') {
    sendError(res, 404, 'not_found', `No API route ${url.pathname}.`);
    return;
  }
  if (match.kind === 'method') {
    sendError(res, 405, 'method_not_allowed', `${req.method} is not allowed on ${url.pathname}.`, {
      Allow: match.allowed.join(', '),
    });
    return;
  }
  // Checked here, not only when a route reads its body, so no write route can forget it.
  if (req.method !== 'GET' && req.method !== 'HEAD') checkJsonContentType(req);
  await match.route.handle({
    req,
    res,
    url,
    params: match.params,
    ctx,
    head: req.method === 'HEAD',
    readJson: () => readJsonBody(req),
  });
}

/** The admin handler, plus a way to end live streams when the server shuts down. */
export type ClosableAdminHandler = AdminHandler & {
  /** Ends every open /api/stream response, so closing the server need not wait for them. */
  endStreams(): void;
};

/** Builds the handler the server calls for every request that is not a tracking request. */
export function createAdminHandler(
  ctx: AdminContext,
  options: AdminOptions = {},
): ClosableAdminHandler {
  const streams = new StreamRegistry();
  const routes = adminRoutes(ctx, streams, options);
  const handler: AdminHandler = (req, res) => {
    const url = requestUrl(req);
    if (!url) return false;
    const api = isApiPath(url.pathname);
    if (!api && !isUiPath(url.pathname)) return false;
    const denial = checkOrigin(req);
    if (denial) {
      sendError(res, denial.status, denial.code, denial.message);
      return true;
    }
    const work = api ? handleApi(ctx, routes, req, res, url) : handleUi(ctx, req, res, url);
    work.catch((err: unknown) => {
      if (err instanceof ApiError) {
        sendApiError(res, err);
        return;
      }
      ctx.logger.log('error', 'Admin request failed', {
        path: url.pathname,
        err: err instanceof Error ? err.message : String(err),
      });
      if (!res.headersSent)
        sendError(res, 500, 'internal', 'The server failed to answer this request.');
      else res.destroy();
    });
    return true;
  };
  return Object.assign(handler, { endStreams: () => streams.endAll() });
}
