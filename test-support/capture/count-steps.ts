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
