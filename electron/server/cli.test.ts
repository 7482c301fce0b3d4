// `hitscope serve` in-process: the start banner exactly as scripts parse it, health at once,
// a clean stop, and exit codes for bad flags and a busy port.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { USAGE } from './cli-args';
import { main, type CliIo } from './cli';
import { VERSION } from './version';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hitscope-cli-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function io(stop?: Promise<string>) {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIo = {
    stdout: { write: (text: string) => out.push(text) },
    stderr: { write: (text: string) => err.push(text) },
    env: {},
    ...(stop ? { stopSignal: stop } : {}),
  };
  return { io: value, out: () => out.join(''), err: () => err.join('') };
}

describe('hitscope CLI', () => {
  it('prints the version and the help', async () => {
    const version = io();
    expect(await main(['--version'], version.io)).toBe(0);
    expect(version.out()).toBe(`${VERSION}\n`);
    const help = io();
    expect(await main(['serve', '--help'], help.io)).toBe(0);
    expect(help.out()).toBe(USAGE);
  });

  it('exits 2 with a message for bad flags and unreadable site files', async () => {
    const bad = io();
    expect(await main(['serve', '--port', 'eighty'], bad.io)).toBe(2);
    expect(bad.err()).toMatch(/--port must be an integer.*\n.*hitscope --help/);
    const sites = io();
    writeFileSync(join(dir, 'sites.json'), '[{"idsite":-1}]');
    expect(
      await main(['serve', '--data-dir', dir, '--sites', join(dir, 'sites.json')], sites.io),
    ).toBe(2);
    expect(sites.err()).toMatch(/sites file .* is invalid/);
  });

  it('serves, prints the banner in its exact format, and stops cleanly', async () => {
    let stop: (signal: string) => void = () => undefined;
    const run = io(new Promise((resolve) => (stop = resolve)));
    const exit = main(
      ['serve', '--port', '0', '--data-dir', dir, '--token', 'cli-token', '--log-level', 'error'],
      run.io,
    );
    await expect.poll(() => run.out(), { timeout: 5000 }).toMatch(/Data:/);
    const match =
      /^Hitscope (\S+) capture server\n {2}Tracker: http:\/\/127\.0\.0\.1:(\d+)\/matomo\.php\n {2}UI: {6}http:\/\/127\.0\.0\.1:(\d+)\/\?code=[\w-]{20,}\n {2}API: {5}http:\/\/127\.0\.0\.1:(\d+)\/api\/ {2}\(Authorization: Bearer cli-token\)\n {2}Data: {4}(.+)\n$/.exec(
        run.out(),
      );
    expect(match, run.out()).not.toBeNull();
    const [, version, port, uiPort, apiPort, data] = match!;
    expect(version).toBe(VERSION);
    expect(uiPort).toBe(port);
    expect(apiPort).toBe(port);
    expect(data).toBe(dir);
    const health = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', version: VERSION });
    const hit = await fetch(`http://127.0.0.1:${port}/matomo.php?idsite=1&rec=1`);
    expect(hit.status).toBe(200);
    stop('SIGTERM');
    expect(await exit).toBe(0);
    expect(run.err()).toMatch(/SIGTERM received/);
  });

  it('exits 1 when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    const run = io(new Promise(() => undefined));
    expect(await main(['serve', '--port', String(port), '--data-dir', dir], run.io)).toBe(1);
    expect(run.err()).toMatch(new RegExp(`port ${port} on 127.0.0.1 is already in use`));
    await new Promise((resolve) => blocker.close(resolve));
  });
});
