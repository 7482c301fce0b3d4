// Two servers on one data directory: of two started together exactly one runs; the other
// exits 1 naming the holder, and the running one's hits are untouched. After the holder is
// killed (its lock left behind), the next server takes over and has every hit.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SummaryDto } from '../../../shared/api/types';
import {
  cliApi,
  exited,
  type CliProcess,
  useBundledCli,
} from '../../../test-support/capture/cli-process';

const cli = useBundledCli();

describe('two servers on one data directory', () => {
  it('lets exactly one run, and the other says which process holds the directory', async () => {
    const dataDir = join(cli().work, 'shared');
    const started = await Promise.allSettled([cli().serve(dataDir), cli().serve(dataDir)]);
    const running = started.filter((result) => result.status === 'fulfilled');
    const refused = started.filter((result) => result.status === 'rejected');
    expect(running).toHaveLength(1);
    expect(refused).toHaveLength(1);
    const holder = (running[0] as PromiseFulfilledResult<CliProcess>).value;
    expect(String((refused[0] as PromiseRejectedResult).reason)).toMatch(
      new RegExp(
        `exited with 1: .*in use by another Hitscope server \\(process ${holder.child.pid}`,
      ),
    );

    for (let i = 0; i < 10; i++) {
      expect((await fetch(`${holder.url}/matomo.php?idsite=1&rec=1&uid=h${i}`)).status).toBe(200);
    }
    const late = await cli().refused(dataDir);
    expect(late.code).toBe(1);
    expect(late.stderr).toContain(`listening at ${holder.url}`);
    expect((await cliApi<SummaryDto>(holder.url, '/api/summary')).hits).toBe(10);

    holder.child.kill('SIGKILL');
    await exited(holder.child);
    const next = await cli().serve(dataDir);
    await expect
      .poll(async () => (await cliApi<SummaryDto>(next.url, '/api/summary')).hits)
      .toBe(10);
    next.child.kill('SIGTERM');
    expect((await exited(next.child)).code).toBe(0);
  }, 60_000);
});
