// Serves the built renderer (dist/renderer) behind the admin token, with a strict CSP.
// Captured values are hostile input rendered by this UI, so the page may load code only
// from this origin and may talk only to this origin (the API and the live stream).
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { setBaseHeaders } from './reply';

/**
 * `default-src 'none'`, then exactly what the built UI needs. Inline style attributes are
 * allowed (style-src-attr) because the table virtualizer positions rows with them; inline
 * <style> elements and every script other than our own files stay forbidden.
 */
export const UI_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "style-src-attr 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

/** The UI page paths (where `?token=` is accepted). */
export function isUiPagePath(pathname: string): boolean {
  return pathname === '/' || pathname === '/index.html';
}

/** Paths this module answers: the page, /assets/*, and root files with a known extension. */
export function isUiPath(pathname: string): boolean {
  if (isUiPagePath(pathname) || pathname.startsWith('/assets/')) return true;
  const ext = path.posix.extname(pathname).toLowerCase();
  return pathname.lastIndexOf('/') === 0 && ext !== '.php' && ext in CONTENT_TYPES;
}

export function setUiHeaders(res: ServerResponse): void {
  setBaseHeaders(res);
  res.setHeader('Content-Security-Policy', UI_CSP);
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
}

export function sendHtml(res: ServerResponse, status: number, title: string, text: string): void {
  const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const body = `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title></head><body><h1>${escape(title)}</h1><p>${escape(text)}</p></body></html>\n`;
  setUiHeaders(res);
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

/** Maps a URL path into uiDir, refusing anything that would leave it. */
export function resolveUiFile(uiDir: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const relative = isUiPagePath(pathname) ? 'index.html' : decoded.replace(/^\/+/, '');
  const root = path.resolve(uiDir);
  const file = path.resolve(root, relative);
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  if (relative.split('/').some((segment) => segment.startsWith('.'))) return null;
  return file;
}

async function isFile(file: string): Promise<number | null> {
  try {
    const info = await stat(file);
    return info.isFile() ? info.size : null;
  } catch {
    return null;
  }
}

/** Answers a GET/HEAD of a UI path (the caller has checked the token). */
export async function serveUi(
  req: IncomingMessage,
  res: ServerResponse,
  uiDir: string | undefined,
  pathname: string,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    sendHtml(res, 405, 'Method not allowed', 'The UI answers GET and HEAD only.');
    return;
  }
  const file = uiDir ? resolveUiFile(uiDir, pathname) : null;
  const size = file ? await isFile(file) : null;
  if (!file || size === null) {
    if (isUiPagePath(pathname)) {
      sendHtml(
        res,
        503,
        'The Hitscope UI is not built',
        'The capture server and its API are running, but the web UI files were not found. Run `npm run build`, then reload this page.',
      );
    } else {
      sendHtml(res, 404, 'Not found', `No UI file at ${pathname}.`);
    }
    return;
  }
  const ext = path.extname(file).toLowerCase();
  setUiHeaders(res);
  res.statusCode = 200;
  res.setHeader('Content-Type', CONTENT_TYPES[ext] ?? 'application/octet-stream');
  res.setHeader('Content-Length', size);
  // Vite puts content hashes in /assets/ names, so they never change; the page itself may.
  res.setHeader(
    'Cache-Control',
    pathname.startsWith('/assets/') ? 'private, max-age=31536000, immutable' : 'no-cache',
  );
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}
