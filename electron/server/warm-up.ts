// Runs a warm-up given as small steps one event-loop turn at a time, so that requests and
// timers are served between steps (the device detector's compilation: shared/matomo/device-
// warm-up.ts). A step that throws ends the warm-up; what it did not compile compiles on use.
export interface WarmUp {
  /** Settles when every step ran, or the warm-up stopped. */
  done: Promise<void>;
  /** True once `done` has settled. */
  finished(): boolean;
  /** Runs no further step (the server is closing). */
  stop(): void;
}

export function runInTurns(steps: Iterable<() => void>): WarmUp {
  const iterator = steps[Symbol.iterator]();
  let finished = false;
  let finish = () => {};
  const done = new Promise<void>((resolve) => {
    finish = () => {
      finished = true;
      resolve();
    };
  });
  const turn = () => {
    if (finished) return;
    try {
      const next = iterator.next();
      if (next.done) return finish();
      next.value();
    } catch {
      return finish();
    }
    setImmediate(turn);
  };
  setImmediate(turn);
  return { done, finished: () => finished, stop: finish };
}
