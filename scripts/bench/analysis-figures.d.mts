// Types of analysis-figures.mjs, for its test.
interface Sample {
  wall: number;
  cpu: number;
}

export interface AnalysisSamples {
  pageView: Sample[];
  variedAgentsFirst: Sample;
  variedAgents: Sample[];
  bulk: Sample[];
}

export function analysisFigures(
  samples: AnalysisSamples,
  clock: keyof Sample,
  digits: number,
): {
  pageViewMicros: number;
  variedAgentsFirstRoundMicros: number;
  variedAgentsCachedMicros: number;
  bulk10kMillis: number;
};
