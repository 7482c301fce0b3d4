// Bytes a piece of work allocates on the JS heap, the collections it caused counted in: a
// figure the machine's load does not move, for tests that bound what a hot path leaves for
// the collector.
import { GCProfiler, getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Bytes allocated on the JS heap while `work` runs (awaited), collections counted in. */
export async function heapAllocatedBy(work: () => void | Promise<void>): Promise<number> {
  setFlagsFromString('--expose-gc');
  const collect = runInNewContext('gc') as () => void;
  collect();
  const profiler = new GCProfiler();
  profiler.start();
  const before = getHeapStatistics().used_heap_size;
  await work();
  const after = getHeapStatistics().used_heap_size;
  let allocated = after - before;
  // What each collection freed was allocated meanwhile too.
  for (const gc of profiler.stop()?.statistics ?? []) {
    allocated += gc.beforeGC.heapStatistics.usedHeapSize - gc.afterGC.heapStatistics.usedHeapSize;
  }
  return allocated;
}
