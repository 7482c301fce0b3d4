// The figures analysis.mjs prints of one engine's samples: medians over the rounds, and the
// user agents met for the first time, which only the first round does.
import { median } from './baseline.mjs';

/**
 * `samples`: per round `pageView`, `variedAgents` (the agents known) and `bulk`, and
 * `variedAgentsFirst` (the first round's first meeting of the agents); each sample holds
 * `wall` and `cpu` milliseconds or microseconds. `clock`: which of the two.
 */
export const analysisFigures = (samples, clock, digits) => ({
  pageViewMicros: Number(median(samples.pageView.map((t) => t[clock])).toFixed(digits)),
  variedAgentsFirstRoundMicros: Number(samples.variedAgentsFirst[clock].toFixed(digits)),
  variedAgentsCachedMicros: Number(
    median(samples.variedAgents.map((t) => t[clock])).toFixed(digits),
  ),
  bulk10kMillis: Number(median(samples.bulk.map((t) => t[clock])).toFixed(1)),
});
