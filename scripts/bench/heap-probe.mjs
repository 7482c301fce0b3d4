// Preloaded into the benchmark's capture server (node --expose-gc --import heap-probe.mjs): on
// SIGUSR2 it collects garbage and writes the live heap and RSS to HITSCOPE_BENCH_HEAP_FILE,
// so the benchmark can report memory per stored hit without any API for it in the product.
import { writeFileSync } from 'node:fs';

const file = process.env.HITSCOPE_BENCH_HEAP_FILE;
if (file) {
  process.on('SIGUSR2', () => {
    globalThis.gc?.();
    const { heapUsed, rss } = process.memoryUsage();
    writeFileSync(file, JSON.stringify({ heapUsed, rss }));
  });
}
