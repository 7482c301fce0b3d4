// What the bench compares against, in one place for every script that prints a ratio.

export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const processorMs = () => {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1000;
};

/**
 * The bulk baseline: JSON.parse of a bulk body and URLSearchParams of each of its entries, the
 * least any reader of the payload does. Median of seven runs in milliseconds, by the wall clock
 * or by this process's processor time (steadier on a machine whose cores are shared).
 */
export function bulkParseBaselineMs(body, clock = 'wall') {
  const now = clock === 'cpu' ? processorMs : () => performance.now();
  const runs = [];
  for (let i = 0; i < 7; i++) {
    global.gc?.();
    const started = now();
    const parsed = JSON.parse(body);
    let params = 0;
    for (const entry of parsed.requests)
      params += Object.keys(Object.fromEntries(new URLSearchParams(entry.slice(1)))).length;
    runs.push(now() - started);
    if (params < 10_000) throw new Error('baseline parsed too little');
  }
  return median(runs);
}
