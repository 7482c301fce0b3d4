// Runners of a computation written in steps: a generator that yields where its caller may
// pause (the capture server gives its event loop back there), returning its result at the end.

/** Runs steps of work to the end (the synchronous form of a sliced computation). */
export function drain<T>(steps: Generator<unknown, T>): T {
  let step = steps.next();
  while (step.done !== true) step = steps.next();
  return step.value;
}

/** Runs `steps` to its end, awaiting `pause` between its steps. */
export async function inTurns<T>(
  steps: Generator<unknown, T>,
  pause: () => Promise<void>,
): Promise<T> {
  let step = steps.next();
  while (step.done !== true) {
    await pause();
    step = steps.next();
  }
  return step.value;
}

/**
 * Yielded just before a step that does much in one call (a join of megabytes into one
 * string, which no slicing can cut): a runner in slices starts a slice for it, so that no
 * other work shares its turn.
 */
export const OWN_TURN_NEXT = 'own-turn';

/** What a step yields: a pause point, or OWN_TURN_NEXT. */
export type Step = void | typeof OWN_TURN_NEXT;
