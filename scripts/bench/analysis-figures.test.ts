// The analysis bench's figures from a run of a single round (BENCH_ANALYSIS_ROUNDS=1): the
// known user agents are measured in that round too, so every figure has a sample.
import { describe, expect, it } from 'vitest';
import { analysisFigures } from './analysis-figures.mjs';

const sample = (wall: number) => ({ wall, cpu: wall / 2 });

describe('the analysis bench figures', () => {
  it('are all numbers after one round', () => {
    const oneRound = {
      pageView: [sample(100)],
      variedAgentsFirst: sample(7000),
      variedAgents: [sample(120)],
      bulk: [sample(900)],
    };
    expect(analysisFigures(oneRound, 'cpu', 2)).toEqual({
      pageViewMicros: 50,
      variedAgentsFirstRoundMicros: 3500,
      variedAgentsCachedMicros: 60,
      bulk10kMillis: 450,
    });
  });
});
