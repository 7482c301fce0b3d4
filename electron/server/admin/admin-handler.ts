// Entry of the admin side of the capture server: the UI at / and the API under /api/.
// Every request passes the checks of security.ts before any route sees it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AdminContext, AdminHandler } from '../contracts';
import { checkJsonContentType } from './body';
import { API_ROUTES } from '../../../shared/api/routes';
import type { SignInLinkDto } from '../../../shared/api/types';
import { ApiError, sendApiError, sendError, sendJson } from './reply';
import { handleMatch, matchRoute } from './router';
import type { Route } from './router';
import { adminRoutes } from './routes';
import type { AdminOptions } from './routes';
import { StreamRegistry } from './sse';
import {
  authenticate,
  checkFetchSite,
  checkOrigin,
  tokenCookie,
  tokenCookieName,
  tokensEqual,
} from './security';
import {
  CODE_QUERY,
  readTokenField,
  SIGN_IN_PATH,
  SignInCodes,
  sendSignInPage,
  signedIn,
} from './sign-in';
import { isUiPagePath, isUiPath, sendHtml, serveUi } from './static-ui';

function isApiPath(pathname: string): boolean {
  return pathname === '/api' || pathname.startsWith('/api/');
}

/** This server's cookie: named after its port, so servers on one host keep their own. */
function cookieNameOf(ctx: AdminContext): string {
  return tokenCookieName(new URL(ctx.selfUrl()).port);
}

function requestUrl(req: IncomingMessage): URL | null {
  try {
    return new URL(req.url ?? '/', 'http://localhost');
  } catch {
    return null;
  }
}

/** The `/sign-in` form post: the token from the body, checked, traded for the cookie. */
async function handleSignInPost(ctx: AdminContext, req: IncomingMessage, res: ServerResponse) {
  const given = await readTokenField(req);
  if (given === null || !tokensEqual(given.trim(), ctx.token)) {
    sendSignInPage(res, 401, 'That token is wrong (the server may have restarted with a new one).');
    return;
  }
  signedIn(res, tokenCookie(ctx.token, cookieNameOf(ctx)), '/');
}

async function handleUi(
  ctx: AdminContext,
  codes: SignInCodes,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
) {
  const code = url.searchParams.get(CODE_QUERY);
  if (code !== null && req.method === 'GET' && isUiPagePath(url.pathname)) {
    if (!codes.redeem(code)) {
      sendSignInPage(res, 401, 'This sign-in link has been used already or is outdated.');
      return;
    }
    url.searchParams.delete(CODE_QUERY);
    signedIn(res, tokenCookie(ctx.token, cookieNameOf(ctx)), url.pathname + url.search);
    return;
  }
  const auth = authenticate(req, ctx.token, cookieNameOf(ctx));
  if (auth !== 'ok') {
    if (isUiPagePath(url.pathname)) {
      sendSignInPage(
        res,
        401,
        auth === 'wrong'
          ? 'The server has restarted with a new token since this browser signed in.'
          : 'This browser is not signed in to this Hitscope server.',
      );
    } else {
      sendHtml(res, 401, 'Token required', 'Sign in at / first.');
    }
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
    const auth = authenticate(req, ctx.token, cookieNameOf(ctx));
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
  // Checked here, not only when a route reads its body, so no write route can forget it, and
  // for body-less requests too: that type is what a page on another origin cannot send.
  if (req.method !== 'GET' && req.method !== 'HEAD') checkJsonContentType(req);
  await handleMatch(match, req, res, url, ctx);
}

/** The admin handler, plus a way to end live streams when the server shuts down. */
export type ClosableAdminHandler = AdminHandler & {
  /** Ends every open /api/stream response, so closing the server need not wait for them. */
  endStreams(): void;
  /** A new one-time sign-in URL of the UI (`/?code=…`). */
  signInUrl(): string;
};

/** POST /api/sign-in-links: a one-time sign-in URL, for tools that hold the token. */
function signInLinkRoute(signInUrl: () => string): Route {
  return {
    method: 'POST',
    path: API_ROUTES.signInLinks,
    handle: ({ res }) => {
      const body: SignInLinkDto = { url: signInUrl() };
      sendJson(res, 201, body);
    },
  };
}

function handleSignIn(ctx: AdminContext, req: IncomingMessage, res: ServerResponse) {
  if (req.method === 'POST') return handleSignInPost(ctx, req, res);
  sendSignInPage(res, 200, 'Paste the token of this server to sign this browser in.');
  return Promise.resolve();
}

/** Builds the handler the server calls for every request that is not a tracking request. */
export function createAdminHandler(
  ctx: AdminContext,
  options: AdminOptions = {},
): ClosableAdminHandler {
  const streams = new StreamRegistry();
  const codes = new SignInCodes();
  const signInUrl = () => `${ctx.selfUrl()}/?${CODE_QUERY}=${codes.issue()}`;
  const routes = [...adminRoutes(ctx, streams, options), signInLinkRoute(signInUrl)];
  const handler: AdminHandler = (req, res) => {
    const url = requestUrl(req);
    if (!url) return false;
    const api = isApiPath(url.pathname);
    const signIn = url.pathname === SIGN_IN_PATH;
    if (!api && !signIn && !isUiPath(url.pathname)) return false;
    const denial =
      checkOrigin(req) ?? (api || (signIn && req.method === 'POST') ? checkFetchSite(req) : null);
    if (denial) {
      sendError(res, denial.status, denial.code, denial.message);
      return true;
    }
    const work = api
      ? handleApi(ctx, routes, req, res, url)
      : signIn
        ? handleSignIn(ctx, req, res)
        : handleUi(ctx, codes, req, res, url);
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
  return Object.assign(handler, { endStreams: () => streams.endAll(), signInUrl });
}
