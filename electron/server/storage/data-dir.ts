// The data directory: private to the user who runs the server (0700, files 0600: captured
// requests carry cookies and tokens), and owned by one server at a time. Two servers on one
// directory would reset and cut each other's data file, so the first takes a lock file
// naming its process; a second refuses to start and names the holder. A lock left by a
// process that no longer runs (kill -9, power cut) is taken over.
import {
  linkSync,
  mkdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';

export const DIR_MODE = 0o700;
export const FILE_MODE = 0o600;
export const LOCK_FILE_NAME = 'hitscope.lock';

/** Creates the directory (and missing parents) readable by its owner only. */
export function ensurePrivateDir(dir: string): void {
  // Parents are made one at a time rather than with `recursive`: where the kernel refuses a
  // new entry with ENOENT although its parent exists (under /proc), Node's recursive mkdir
  // retries forever and the server would hang at start instead of saying why.
  try {
    mkdirSync(dir, { mode: DIR_MODE });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' && statSync(dir).isDirectory()) return;
    const parent = dirname(dir);
    if (code !== 'ENOENT' || parent === dir) throw error;
    ensurePrivateDir(parent);
    mkdirSync(dir, { mode: DIR_MODE });
  }
}

interface LockOwner {
  pid: number;
  host: string;
  startedAt: string;
  /** The holder's address, once it listens; for the refusal message. */
  url?: string;
}

export class DataDirLockedError extends Error {
  readonly code = 'EDATADIRLOCKED';
}

export interface DataDirLock {
  /** Records the holder's address in the lock file (shown to a refused second server). */
  describe(url: string): void;
  release(): void;
}

/** Lock files held by this process, so a second server in the same process is refused too. */
const heldHere = new Set<string>();

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(file: string): LockOwner | null {
  try {
    const owner = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockOwner>;
    return typeof owner.pid === 'number' && typeof owner.host === 'string'
      ? (owner as LockOwner)
      : null;
  } catch {
    return null;
  }
}

/** True when the owner recorded in the lock file may still be using the directory. */
function stillHeld(file: string, owner: LockOwner | null): boolean {
  if (heldHere.has(file)) return true;
  if (!owner) return false;
  // Another machine sharing the directory cannot be checked: its lock stands.
  if (owner.host !== hostname()) return true;
  // Our own pid without our own lock: a process before us had it (pid reused after a restart).
  if (owner.pid === process.pid) return false;
  return isRunning(owner.pid);
}

function holderText(owner: LockOwner | null): string {
  if (!owner) return 'another Hitscope server';
  const where = owner.host === hostname() ? '' : ` on ${owner.host}`;
  const url = owner.url ? `, listening at ${owner.url}` : '';
  return `another Hitscope server (process ${owner.pid}${where}, started ${owner.startedAt}${url})`;
}

/** Writes the owner to a temporary file first, so the lock file is never seen half written. */
function writeOwnerFile(path: string, owner: LockOwner): void {
  writeFileSync(path, `${JSON.stringify(owner)}\n`, { mode: FILE_MODE });
}

/** Creates the lock file with its content, failing with EEXIST when it exists (link is atomic). */
function createLock(file: string, owner: LockOwner): void {
  const temp = `${file}.${process.pid}.tmp`;
  writeOwnerFile(temp, owner);
  try {
    linkSync(temp, file);
  } finally {
    unlinkSync(temp);
  }
}

const sameOwner = (a: LockOwner | null, b: LockOwner | null) =>
  a !== null && b !== null && a.pid === b.pid && a.startedAt === b.startedAt;

/**
 * Takes the directory's lock or throws a DataDirLockedError naming the server holding it.
 * Of two servers starting together exactly one creates the lock file.
 */
export function lockDataDir(dir: string): DataDirLock {
  ensurePrivateDir(dir);
  const file = join(dir, LOCK_FILE_NAME);
  const owner: LockOwner = {
    pid: process.pid,
    host: hostname(),
    startedAt: new Date().toISOString(),
  };
  const refuse = (holder: LockOwner | null) =>
    new DataDirLockedError(
      `The data directory ${dir} is in use by ${holderText(holder)}. Stop that server, or ` +
        'choose another directory with --data-dir.',
    );
  for (let attempt = 0; ; attempt++) {
    try {
      createLock(file, owner);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readOwner(file);
    if (attempt > 0 || stillHeld(file, holder)) throw refuse(holder);
    // A stale lock is moved aside, then checked: if another server took it over in between,
    // what was moved is that server's new lock, which is put back.
    const aside = `${file}.stale-${process.pid}`;
    try {
      renameSync(file, aside);
    } catch {
      continue;
    }
    const moved = readOwner(aside);
    if (moved !== null && !sameOwner(moved, holder)) {
      renameSync(aside, file);
      throw refuse(moved);
    }
    unlinkSync(aside);
  }
  heldHere.add(file);
  let released = false;
  return {
    describe(url) {
      if (released) return;
      try {
        const temp = `${file}.${process.pid}.tmp`;
        writeOwnerFile(temp, { ...owner, url });
        renameSync(temp, file);
      } catch {
        // The lock stands without the address (a full disk, say).
      }
    },
    release() {
      if (released) return;
      released = true;
      heldHere.delete(file);
      try {
        unlinkSync(file);
      } catch {
        // Already gone: nothing to release.
      }
    },
  };
}
