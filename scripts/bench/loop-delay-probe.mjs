// Preloaded into a capture server under measurement (node --import loop-delay-probe.mjs): the
// event loop's delays as node:perf_hooks sees them. On SIGUSR2 it writes the longest and the
// 99th percentile since the last report to HITSCOPE_BENCH_LOOP_FILE, then starts over, so a
// script can measure what one request did to the loop without any API for it in the product.
// Beside the wall-clock delay it reports the most processor time the process used between two
// ticks of a 10 ms timer: on a loaded machine the wall figure also counts the time other
// processes held the cores, the processor figure does not (it counts the process's other
// threads, e.g. the garbage collector's, and up to one tick of other work). Beside it, the most
// the main thread alone used between two ticks (Linux: its /proc task clock, in steps of 10 ms):
// the turn itself, without what the collector's helpers compute meanwhile on the other core.
import { readFileSync, writeFileSync } from 'node:fs';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';

const file = process.env.HITSCOPE_BENCH_LOOP_FILE;
const TICK_MS = 10;
if (file) {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  let maxTurnCpuUs = 0;
  let lastCpu = process.cpuUsage();
  const mainStat = `/proc/self/task/${process.pid}/stat`;
  /** Main thread's user + system clock ticks (10 ms each); NaN where /proc has none. */
  const mainTicks = () => {
    try {
      const fields = readFileSync(mainStat, 'utf8').split(') ')[1].split(' ');
      return Number(fields[11]) + Number(fields[12]);
    } catch {
      return NaN;
    }
  };
  let maxTurnMainTicks = 0;
  let lastMain = mainTicks();
  const tick = () => {
    const cpu = process.cpuUsage();
    const used = cpu.user - lastCpu.user + (cpu.system - lastCpu.system);
    if (used > maxTurnCpuUs) maxTurnCpuUs = used;
    lastCpu = cpu;
    const main = mainTicks();
    if (main - lastMain > maxTurnMainTicks) maxTurnMainTicks = main - lastMain;
    lastMain = main;
  };
  setInterval(tick, TICK_MS).unref();
  // Garbage collections of the main thread's heap: a major one of a large heap can be the
  // longest turn by itself, whatever the code does between yields.
  let gcMaxMs = 0;
  let gcOver30 = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gcMaxMs = Math.max(gcMaxMs, entry.duration);
      if (entry.duration > 30) gcOver30++;
    }
  }).observe({ entryTypes: ['gc'] });
  process.on('SIGUSR2', () => {
    const ms = (ns) => ns / 1e6;
    writeFileSync(
      file,
      JSON.stringify({
        maxMs: ms(histogram.max),
        p99Ms: ms(histogram.percentile(99)),
        maxTurnCpuMs: maxTurnCpuUs / 1000,
        maxTurnMainCpuMs: Number.isNaN(lastMain) ? null : maxTurnMainTicks * 10,
        gcMaxMs,
        gcOver30,
      }),
    );
    histogram.reset();
    maxTurnCpuUs = 0;
    maxTurnMainTicks = 0;
    lastMain = mainTicks();
    gcMaxMs = 0;
    gcOver30 = 0;
    lastCpu = process.cpuUsage();
  });
}
