import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startAdminTestServer,
  TEST_TOKEN,
  type AdminTestServer,
} from '../../../test-support/admin/admin-test-server';
import { call } from '../../../test-support/admin/http-call';
import { isUiPath, resolveUiFile, UI_CSP } from './static-ui';

let root: string;
let uiDir: string;
let server: AdminTestServer;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'hitscope-ui-'));
  uiDir = join(root, 'renderer');
  mkdirSync(join(uiDir, 'assets'), { recursive: true });
  writeFileSync(
    join(uiDir, 'index.html'),
    '<!doctype html><script type="module" src="./assets/app-1a2b.js"></script>',
  );
  writeFileSync(join(uiDir, 'assets', 'app-1a2b.js'), 'console.log("ui")');
  writeFileSync(join(uiDir, 'assets', 'app-1a2b.css'), 'body{}');
  writeFileSync(join(uiDir, 'favicon.svg'), '<svg/>');
  writeFileSync(join(uiDir, '.env'), 'SECRET=1');
  writeFileSync(join(root, 'secret.txt'), 'outside the UI');
  server = await startAdminTestServer({ uiDir });
});
afterAll(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

const get = (path: string, extra: Parameters<typeof call>[1] = {}) =>
  call(server.base + path, { token: TEST_TOKEN, ...extra });

describe('UI files', () => {
  it('serves index.html at / with the strict CSP and security headers', async () => {
    const res = await get('/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.text).toContain('app-1a2b.js');
    const csp = res.headers['content-security-policy'];
    expect(csp).toBe(UI_CSP);
    expect(csp).toMatch(/^default-src 'none'; /);
    for (const directive of [
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data:",
      "connect-src 'self'",
      "font-src 'self'",
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
    ]) {
      expect(csp).toContain(directive);
    }
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['cache-control']).toBe('no-cache');
  });

  it('serves assets with their content types and long caching', async () => {
    const js = await get('/assets/app-1a2b.js');
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['cache-control']).toMatch(/immutable/);
    expect(js.text).toBe('console.log("ui")');
    expect((await get('/assets/app-1a2b.css')).headers['content-type']).toBe(
      'text/css; charset=utf-8',
    );
    expect((await get('/favicon.svg')).headers['content-type']).toBe('image/svg+xml');
    const head = await get('/assets/app-1a2b.js', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe('17');
    expect(head.text).toBe('');
  });

  it('needs the token for assets too', async () => {
    expect((await call(server.base + '/assets/app-1a2b.js')).status).toBe(401);
  });

  it('never leaves the UI directory', async () => {
    for (const rawPath of [
      '/assets/../../secret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/assets/..%5c..%5csecret.txt',
      '/assets/%00.js',
      '/.env',
      '/assets/missing.js',
    ]) {
      const res = await get('/', { rawPath });
      expect(res.text, rawPath).not.toContain('outside the UI');
      expect(res.text, rawPath).not.toContain('SECRET');
      expect([400, 404], rawPath).toContain(res.status);
    }
  });

  it('answers 405 to writes on UI paths', async () => {
    const res = await get('/', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(405);
  });

  it('knows which paths are UI paths', () => {
    expect(isUiPath('/')).toBe(true);
    expect(isUiPath('/assets/x/y.js')).toBe(true);
    expect(isUiPath('/favicon.ico')).toBe(true);
    expect(isUiPath('/matomo.php')).toBe(false);
    expect(isUiPath('/js/')).toBe(false);
    expect(isUiPath('/deep/file.js')).toBe(false);
    expect(resolveUiFile('/srv/ui', '/assets/%2e%2e/%2e%2e/etc/passwd')).toBeNull();
    expect(resolveUiFile('/srv/ui', '/')).toBe('/srv/ui/index.html');
  });
});

describe('UI not built', () => {
  it('answers a short page saying so, behind the token', async () => {
    const bare = await startAdminTestServer({ uiDir: join(root, 'missing') });
    try {
      expect((await call(bare.base + '/')).status).toBe(401);
      const res = await call(bare.base + '/', { token: TEST_TOKEN });
      expect(res.status).toBe(503);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.text).toContain('npm run build');
      expect(res.headers['content-security-policy']).toBe(UI_CSP);
    } finally {
      await bare.close();
    }
  });
});
