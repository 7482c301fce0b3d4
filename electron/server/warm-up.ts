// Runs a warm-up given as small steps one event-loop turn at a time, so that requests and
// timers are served between steps (the device detector's compilation: shared/matomo/device-
// warm-up.ts). A step that throws ends the warm-up; what it did not compile compiles on use.
// Work that waits for the warm-up can instead be tried in its turns (`ahead`): a request whose
// device needs a few of the patterns then has them compiled first, not after all the others.
import type { DeviceInfo } from '../../shared/matomo/types';
import { settleWithin } from '../../shared/matomo/warm-patterns';

/**
 * Tries of a new device's detection ahead of the device detector's warm-up, each compiling for
 * one slice of analysis (wall-clock time: less work on a busy machine). Some 400 ms of
 * compiling on an idle machine, what a phone's detection needs when the tries of other
 * requests share the turns; an unknown user agent needs about all the warm-up compiles, and
 * each try runs the patterns of the ones before again: more tries made it wait longer for the
 * warm-up's end.
 */
const TRIES_AHEAD = 48;
export interface WarmUp {
  /** Settles when every step ran, or the warm-up stopped. */
  done: Promise<void>;
  /** True once `done` has settled. */
  finished(): boolean;
  /** Runs no further step (the server is closing). */
  stop(): void;
  /**
   * Tries `attempt` in the warm-up's turns, in place of its steps, until it gives a result,
   * and gives that result; undefined once the warm-up is over, or after `tries` tries (then
   * it waits for the end as all work did: each try repeats what the ones before did, and a
   * detection that needs most patterns is better left to the steps). Several attempts take
   * turns one after the other.
   */
  ahead<T>(attempt: () => { value: T } | null, tries: number): Promise<T | undefined>;
}

interface Waiting {
  attempt: () => { value: unknown } | null;
  triesLeft: number;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export function runInTurns(steps: Iterable<() => void>): WarmUp {
  const iterator = steps[Symbol.iterator]();
  const waiting: Waiting[] = [];
  /** Attempts out of tries: they wait for the end. */
  const givenUp: Waiting[] = [];
  let finished = false;
  let finish = () => {};
  const done = new Promise<void>((resolve) => {
    finish = () => {
      finished = true;
      for (const { resolve: give } of [...waiting.splice(0), ...givenUp.splice(0)]) {
        give(undefined);
      }
      resolve();
    };
  });
  const attemptNext = () => {
    const next = waiting.shift() as Waiting;
    try {
      const result = next.attempt();
      if (result) next.resolve(result.value);
      else (--next.triesLeft > 0 ? waiting : givenUp).push(next);
    } catch (error) {
      next.reject(error);
    }
  };
  const turn = () => {
    if (finished) return;
    if (waiting.length > 0) {
      attemptNext();
      setImmediate(turn);
      return;
    }
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
  return {
    done,
    finished: () => finished,
    stop: finish,
    ahead: <T>(attempt: () => { value: T } | null, tries: number) =>
      finished || tries <= 0
        ? done.then(() => undefined)
        : new Promise<T | undefined>((resolve, reject) => {
            const give = resolve as (value: unknown) => void;
            waiting.push({ attempt, triesLeft: tries, resolve: give, reject });
          }),
  };
}

/**
 * What a server's analysis awaits before a new device's detection (`beforeDetection`) while
 * `warmUp` compiles the device detector's patterns: the detection itself, tried in the warm-
 * up's turns with `sliceMs` of compiling each (settleWithin), and its result once it has one.
 */
export function detectionAheadOf(
  warmUp: WarmUp,
  sliceMs: number,
): (detection: () => DeviceInfo) => Promise<DeviceInfo | undefined> | null {
  return (detection) =>
    warmUp.finished() ? null : warmUp.ahead(() => settleWithin(sliceMs, detection), TRIES_AHEAD);
}
