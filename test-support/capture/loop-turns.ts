// Counts turns of the event loop while some work runs: a turn only comes when the work gives
// the loop back, so a count above a few shows it was done in slices (no timing involved).
export interface LoopTurns {
  /** Turns so far. */
  count(): number;
  stop(): void;
}

export function countLoopTurns(): LoopTurns {
  let turns = 0;
  let running = true;
  const turn = () => {
    turns++;
    if (running) setImmediate(turn);
  };
  setImmediate(turn);
  return {
    count: () => turns,
    stop: () => {
      running = false;
    },
  };
}
