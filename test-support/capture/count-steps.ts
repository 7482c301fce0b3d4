// Runs a computation written in steps (a generator that yields where a caller may pause) to
// its end, counting the steps: more than one shows the work can be spread over turns.
export function countSteps<T>(steps: Generator<unknown, T>): { value: T; steps: number } {
  let count = 0;
  let step = steps.next();
  while (step.done !== true) {
    count++;
    step = steps.next();
  }
  return { value: step.value, steps: count };
}

/**
 * Runs `steps` to its end, giving what `measure` counted during each step: `measure.reset()`
 * before a step, `measure.count()` after it (characters parsed, encoded, …).
 */
export function perStep<T>(
  steps: Generator<unknown, T>,
  measure: { reset: () => void; count: () => number },
): { value: T; counts: number[] } {
  const counts: number[] = [];
  for (;;) {
    measure.reset();
    const step = steps.next();
    counts.push(measure.count());
    if (step.done === true) return { value: step.value, counts };
  }
}
