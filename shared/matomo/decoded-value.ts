// The result of decoding one parameter value, with the problems found on the way. Problems
// become issues in validation (validate-values.ts), which adds the parameter name.
import type { IssueCode } from './issue-codes';

export interface Problem {
  code: IssueCode;
  /** What is wrong, naming the concrete values. */
  message: string;
  hint?: string;
}

export interface DecodedValue {
  /** The value as Matomo would use it; undefined when ignored or replaced by the default. */
  value: unknown;
  display: string;
  problems: Problem[];
}

/**
 * The problem list of every value decoded without problems (nearly all of them): shared, so
 * a bulk of thousands of hits allocates no empty array per parameter. Frozen so that code
 * adding to a decoder's list must copy it first.
 */
export const NO_PROBLEMS: Problem[] = Object.freeze([]) as unknown as Problem[];

export const decodedValue = (
  value: unknown,
  display: string,
  problems: Problem[] = NO_PROBLEMS,
): DecodedValue => ({ value, display, problems });
