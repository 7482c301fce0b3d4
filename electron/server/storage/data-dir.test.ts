// The data directory lock and permissions: one server per directory (a second is refused
// with the holder named), a lock left by a dead process is taken over, and the directory
// and its files are private to the user.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataDirLockedError, ensurePrivateDir, LOCK_FILE_NAME, lockDataDir } from './data-dir';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'hitscope-lock-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** The pid of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

describe('data directory lock', () => {
  it('refuses a second holder, naming the first, until it is released', () => {
    const dir = join(root, 'data');
    const first = lockDataDir(dir);
    first.describe('http://127.0.0.1:4321');
    let refusal: unknown;
    try {
      lockDataDir(dir);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(DataDirLockedError);
    expect((refusal as Error).message).toBe(
      `The data directory ${dir} is in use by another Hitscope server (process ${process.pid}, ` +
        `started ${JSON.parse(readFileSync(join(dir, LOCK_FILE_NAME), 'utf8')).startedAt}, ` +
        'listening at http://127.0.0.1:4321). Stop that server, or choose another directory with --data-dir.',
    );
    first.release();
    lockDataDir(dir).release();
  });

  it('takes over a lock left by a process that no longer runs, or an unreadable one', () => {
    const dir = join(root, 'data');
    lockDataDir(dir).release();
    const lockFile = join(dir, LOCK_FILE_NAME);
    writeFileSync(
      lockFile,
      JSON.stringify({ pid: deadPid(), host: hostname(), startedAt: '2020-01-01T00:00:00Z' }),
    );
    const taken = lockDataDir(dir);
    expect(JSON.parse(readFileSync(lockFile, 'utf8')).pid).toBe(process.pid);
    taken.release();
    writeFileSync(lockFile, '');
    lockDataDir(dir).release();
  });

  it('creates the directory 0700 and the lock file 0600', () => {
    const dir = join(root, 'new', 'data');
    const lock = lockDataDir(dir);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, LOCK_FILE_NAME)).mode & 0o777).toBe(0o600);
    lock.release();
  });

  it('makes missing parents private too, and refuses a file in the way', () => {
    const dir = join(root, 'a', 'b', 'data');
    ensurePrivateDir(dir);
    ensurePrivateDir(dir);
    for (const made of [join(root, 'a'), join(root, 'a', 'b'), dir])
      expect(statSync(made).mode & 0o777).toBe(0o700);
    writeFileSync(join(root, 'file'), '');
    expect(() => ensurePrivateDir(join(root, 'file'))).toThrow(/EEXIST/);
    expect(() => ensurePrivateDir(join(root, 'file', 'data'))).toThrow(/ENOTDIR/);
  });
});
