// Signing a browser in without the token ever being in a URL, where it would stay in the
// browser's history (a redirect does not remove the first URL from it). Two ways in:
// - a one-time code: `/?code=…` sets the cookie and redirects to `/`. The URL stays in the
//   history but the code is spent once used, so the entry opens nothing. The server prints
//   one at start; tools with the token ask for more at POST /api/sign-in-links;
// - the sign-in form every unauthenticated visit to the UI gets: the token is posted (not in
//   the URL), and the answer sets the cookie and redirects to `/`.
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setBaseHeaders } from './reply';

export const SIGN_IN_PATH = '/sign-in';
export const CODE_QUERY = 'code';
/** Codes not yet used; the oldest is dropped beyond this many. */
const MAX_OPEN_CODES = 32;
/** A form post is a few hundred bytes; anything longer is not a sign-in. */
const MAX_FORM_BYTES = 4096;

const digest = (code: string) => createHash('sha256').update(code, 'utf8').digest('hex');

/** One-time sign-in codes, kept as hashes (a lookup then reveals nothing about a code's bytes). */
export class SignInCodes {
  private readonly open = new Set<string>();

  issue(): string {
    const code = randomBytes(24).toString('base64url');
    this.open.add(digest(code));
    if (this.open.size > MAX_OPEN_CODES) {
      this.open.delete(this.open.values().next().value as string);
    }
    return code;
  }

  /** True once for each issued code. */
  redeem(code: string): boolean {
    return this.open.delete(digest(code));
  }
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The sign-in page: why the visitor is here and a form that posts the token. Its CSP allows
 * posting the form to this origin and nothing else (no script, no style from anywhere).
 */
export function sendSignInPage(res: ServerResponse, status: number, reason: string): void {
  const body = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sign in — Hitscope</title></head>
<body><main><h1>Sign in to Hitscope</h1><p>${escapeHtml(reason)}</p>
<form method="post" action="${SIGN_IN_PATH}">
<label for="token">Token</label>
<input id="token" name="token" type="password" autocomplete="off" required autofocus>
<button type="submit">Sign in</button>
</form>
<p>The token is printed when the server starts (the API line of <code>hitscope serve</code>); the UI line there opens the UI once without it.</p>
</main></body></html>
`;
  setBaseHeaders(res);
  res.setHeader(
    'Content-Security-Policy',
    "default-src 'none'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  );
  res.setHeader('X-Frame-Options', 'DENY');
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

/** Sets the cookie and sends the browser to `location` with a 303 (a GET, out of history). */
export function signedIn(res: ServerResponse, cookie: string, location: string): void {
  setBaseHeaders(res);
  res.statusCode = 303;
  res.setHeader('Set-Cookie', cookie);
  res.setHeader('Location', location);
  res.setHeader('Cache-Control', 'no-store');
  res.end();
}

/** The `token` field of a form post (urlencoded), or null when there is none or it is too long. */
export function readTokenField(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve) => {
    let text = '';
    let tooLong = false;
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      text += chunk;
      if (text.length > MAX_FORM_BYTES) {
        tooLong = true;
        text = '';
      }
    });
    req.on('end', () => resolve(tooLong ? null : new URLSearchParams(text).get('token')));
    req.on('error', () => resolve(null));
  });
}
