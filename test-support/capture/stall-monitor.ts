// The longest stretch of synchronous work of one event-loop callback, in CPU time. Async hooks
// mark where each callback (an HTTP parser event, a promise continuation, a timer) starts and
// ends; the process's user CPU clock is read at both ends. CPU time rather than wall time, so a
// busy machine (other processes taking the cores) does not count as the server stalling; user
// time only, so the kernel's work for the file writes of other threads (fsync) does not count
// either. The figure is an upper bound: it also counts what other threads of the process (the
// garbage collector's helpers) compute meanwhile, so on a loaded machine an ordinary request
// can show tens of milliseconds now and then; a real stall shows on every attempt.
import { createHook } from 'node:async_hooks';

export interface StallMonitor {
  /** Longest callback since the last reset, in milliseconds of CPU time. */
  longestMs(): number;
  reset(): void;
  stop(): void;
}

export function startStallMonitor(): StallMonitor {
  let longest = 0;
  let depth = 0;
  let mark = 0;
  const hook = createHook({
    before() {
      if (depth++ === 0) mark = process.cpuUsage().user;
    },
    after() {
      if (--depth === 0) longest = Math.max(longest, (process.cpuUsage().user - mark) / 1000);
    },
  });
  hook.enable();
  return {
    longestMs: () => longest,
    reset: () => {
      longest = 0;
      // Called from a callback, what that callback did before (building a test's request)
      // is not the server's doing.
      mark = process.cpuUsage().user;
    },
    stop: () => hook.disable(),
  };
}

/**
 * The least longest stall of up to `attempts` runs of `act`, stopping at the first under
 * `boundMs`: a loaded machine's noise does not repeat, a real stall does.
 */
export async function leastStallMs(
  monitor: StallMonitor,
  boundMs: number,
  act: () => Promise<void>,
  attempts = 3,
): Promise<number> {
  let stallMs = Infinity;
  for (let attempt = 0; attempt < attempts && stallMs >= boundMs; attempt++) {
    monitor.reset();
    await act();
    stallMs = Math.min(stallMs, monitor.longestMs());
  }
  return stallMs;
}
