// A data directory the system will not create (a path under /proc) stops `hitscope serve` at
// once with the reason, instead of leaving a process that spins and ignores SIGTERM.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useBundledCli } from '../../../test-support/capture/cli-process';

const procMounted = existsSync('/proc/self');
const cli = useBundledCli(procMounted);

describe.skipIf(!procMounted)('a data directory that cannot be made (needs /proc)', () => {
  it('is refused with the reason, and the server exits', async () => {
    const refused = await cli().refused(`/proc/hitscope-${process.pid}/data`);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/could not start: ENOENT.*\/proc\/hitscope-/);
  });
});
