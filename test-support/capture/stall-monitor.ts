// The longest stretch of synchronous work of one event-loop callback, in CPU time. Async hooks
// mark where each callback (an HTTP parser event, a promise continuation, a timer) starts and
// ends; the process's user CPU clock is read at both ends. CPU time rather than wall time, so a
// busy machine (other processes taking the cores) does not count as the server stalling; user
// time only, so the kernel's work for the file writes of other threads (fsync) does not count
// either. The figure is an upper bound: it also counts what other threads of the process (the
// garbage collector's helpers) compute meanwhile, so on a loaded machine an ordinary request
// can show tens of milliseconds now and then; a real stall shows on every attempt.
//
// Reading the CPU clock is a system call (a microsecond or more), and a server handling a hit
// of megabytes runs millions of promise continuations of a few microseconds each: read at both
// ends of each, the clock took a third of a stall test's time. It is read less, without ever
// making a callback look shorter than it was. The wall clock (no system call) bounds the CPU
// time: the process's threads cannot compute more than the wall time on each of its cores.
// A callback whose wall time could not reach the longest so far needs no reading at its end,
// and one starting right after a reading counts from that one (a little earlier: at most
// REUSE_MS of wall time more, on each core).
import { createHook } from 'node:async_hooks';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';

/** How old a reading of the CPU clock may be to count a callback from. */
const REUSE_MS = 0.05;
/** What the two clocks' readings, not taken at the same instant, may be apart by. */
const SLACK_MS = 1;

export interface StallMonitor {
  /** Longest callback since the last reset, in milliseconds of CPU time. */
  longestMs(): number;
  reset(): void;
  stop(): void;
}

export function startStallMonitor(): StallMonitor {
  const cores = availableParallelism();
  let longest = 0;
  let depth = 0;
  /** The last reading of the CPU clock (ms), and when it was taken on the wall clock (ms). */
  let markCpu = 0;
  let markWall = -Infinity;
  const read = () => {
    markCpu = process.cpuUsage().user / 1000;
    markWall = performance.now();
  };
  const hook = createHook({
    before() {
      if (depth++ === 0 && performance.now() - markWall > REUSE_MS) read();
    },
    after() {
      if (--depth !== 0) return;
      // The CPU time since the mark is at most its wall time on every core.
      if ((performance.now() - markWall) * cores + SLACK_MS <= longest) return;
      const start = markCpu;
      read();
      longest = Math.max(longest, markCpu - start);
    },
  });
  hook.enable();
  return {
    longestMs: () => longest,
    reset: () => {
      longest = 0;
      // Called from a callback, what that callback did before (building a test's request)
      // is not the server's doing.
      read();
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
