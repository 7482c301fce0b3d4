// A small tmpfs for disk-full tests. Mounting needs root (CI runs as root); elsewhere the
// tests that need it are skipped with the reason in their name.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type Tmpfs = { ok: true; dir: string; unmount(): void } | { ok: false; reason: string };

export function mountTmpfs(size: string): Tmpfs {
  const dir = mkdtempSync(join(tmpdir(), 'hitscope-tmpfs-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0700`, 'tmpfs', dir], {
      stdio: 'pipe',
    });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    const detail = String((error as { stderr?: Buffer }).stderr ?? (error as Error).message);
    return { ok: false, reason: `mounting a tmpfs is not permitted here: ${detail.trim()}` };
  }
  return {
    ok: true,
    dir,
    unmount() {
      execFileSync('umount', ['-l', dir], { stdio: 'pipe' });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
