// Many large tracking requests against a server with --max-memory: it answers every one,
// stores them all, keeps only what fits the bound in memory (also when it loads them back
// after a restart), and its resident memory stays bounded.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SummaryDto } from '../../../shared/api/types';
import { cliApi, exited, useBundledCli } from '../../../test-support/capture/cli-process';

const MIB = 1024 * 1024;
const BOUND_MIB = 32;
const cli = useBundledCli();

const residentBytes = (pid: number) =>
  Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;

/** A 3 MiB form body of 60 values of 50 KiB (each under the value limit), so it is recorded. */
const bigBody = (uid: string) =>
  `idsite=1&rec=1&action_name=Big&uid=${uid}&` +
  Array.from(
    { length: 60 },
    (_, i) => `p${i}=${String.fromCharCode(97 + (i % 26)).repeat(50 * 1024)}`,
  ).join('&');

describe('memory bound', () => {
  it('keeps the hits in memory under --max-memory while many large requests arrive', async () => {
    const dataDir = join(cli().work, 'memory');
    const server = await cli().serve(dataDir, ['--max-memory', String(BOUND_MIB)]);
    const pid = server.child.pid!;
    let peak = residentBytes(pid);
    const sampler = setInterval(() => (peak = Math.max(peak, residentBytes(pid))), 100);
    const queue = Array.from({ length: 40 }, (_, i) => `big${i}`);
    const statuses: number[] = [];
    await Promise.all(
      Array.from({ length: 3 }, async () => {
        for (let uid = queue.shift(); uid; uid = queue.shift()) {
          const res = await fetch(`${server.url}/matomo.php`, {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: bigBody(uid),
          });
          await res.arrayBuffer();
          statuses.push(res.status);
        }
      }),
    );
    clearInterval(sampler);
    expect(statuses.every((status) => status === 200)).toBe(true);
    const summary = await cliApi<SummaryDto>(server.url, '/api/summary');
    expect(summary).toMatchObject({ hits: 40, maxMemoryBytes: BOUND_MIB * MIB });
    expect(summary.memoryBytes).toBeLessThanOrEqual(BOUND_MIB * MIB);
    expect(summary.inMemory).toBeLessThan(40);
    console.info(
      `memory bound: ${summary.inMemory} of 40 hits in memory, ` +
        `${Math.round((summary.memoryBytes ?? 0) / MIB)} MiB estimated, peak RSS ${Math.round(peak / MIB)} MiB`,
    );
    expect(peak).toBeLessThan(512 * MIB);
    server.child.kill('SIGTERM');
    expect((await exited(server.child)).code).toBe(0);

    const again = await cli().serve(dataDir, ['--max-memory', String(BOUND_MIB)]);
    await expect
      .poll(async () => (await cliApi<SummaryDto>(again.url, '/api/summary')).hits, {
        timeout: 60_000,
      })
      .toBe(40);
    const loaded = await cliApi<SummaryDto>(again.url, '/api/summary');
    expect(loaded.alerts).toEqual([]);
    expect(loaded.memoryBytes).toBeLessThanOrEqual(BOUND_MIB * MIB);
    again.child.kill('SIGTERM');
    await exited(again.child);
  }, 120_000);
});
