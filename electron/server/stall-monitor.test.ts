// The stall monitor the stall tests rely on reads the CPU clock only where a callback could be
// the longest: a long callback must still count whole, wherever it falls among short ones.
import { afterEach, describe, expect, it } from 'vitest';
import { startStallMonitor, type StallMonitor } from '../../test-support/capture/stall-monitor';

const SPIN_MS = 30;

/** Computes until the process has spent `ms` of user CPU time since the call. */
function spin(ms: number): void {
  const start = process.cpuUsage().user;
  while (process.cpuUsage().user - start < ms * 1000);
}

/** `count` promise continuations of next to no work, one after the other. */
async function shortOnes(count: number): Promise<void> {
  for (let n = 0; n < count; n++) await Promise.resolve();
}

let monitor: StallMonitor | undefined;
afterEach(() => monitor?.stop());

describe('the stall monitor', () => {
  it('counts a timer callback whole after many short callbacks', async () => {
    monitor = startStallMonitor();
    await shortOnes(20_000);
    await new Promise<void>((resolve) =>
      setImmediate(() => {
        spin(SPIN_MS);
        resolve();
      }),
    );
    await shortOnes(20_000);
    expect(monitor.longestMs()).toBeGreaterThanOrEqual(SPIN_MS);
  });

  it('counts a promise continuation whole right after short ones', async () => {
    monitor = startStallMonitor();
    await shortOnes(20_000);
    spin(SPIN_MS);
    await shortOnes(20_000);
    expect(monitor.longestMs()).toBeGreaterThanOrEqual(SPIN_MS);
  });

  it('counts from the reset, whose callback did the work before it', async () => {
    monitor = startStallMonitor();
    await shortOnes(10);
    spin(SPIN_MS);
    monitor.reset();
    expect(monitor.longestMs()).toBe(0);
    spin(SPIN_MS);
    await shortOnes(10);
    expect(monitor.longestMs()).toBeGreaterThanOrEqual(SPIN_MS);
    expect(monitor.longestMs()).toBeLessThan(2 * SPIN_MS);
  });
});
