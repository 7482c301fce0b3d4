// Preloaded into a capture server under measurement (node --import loop-delay-probe.mjs): the
// event loop's delays as node:perf_hooks sees them. On SIGUSR2 it writes the longest and the
// 99th percentile since the last report to HITSCOPE_BENCH_LOOP_FILE, then starts over, so a
// script can measure what one request did to the loop without any API for it in the product.
import { writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const file = process.env.HITSCOPE_BENCH_LOOP_FILE;
if (file) {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  process.on('SIGUSR2', () => {
    const ms = (ns) => ns / 1e6;
    writeFileSync(
      file,
      JSON.stringify({ maxMs: ms(histogram.max), p99Ms: ms(histogram.percentile(99)) }),
    );
    histogram.reset();
  });
}
