// The Limits section of the settings form as text fields, and the checks that turn it back
// into LimitsDto and tracking paths with one clear message per problem (the same rules the
// server applies, from shared/api/settings-rules).
import {
  LIMIT_BOUNDS,
  MAX_TRACKING_PATHS,
  trackingPathProblem,
} from '../../shared/api/settings-rules';
import type { LimitsDto } from '../../shared/api/types';

export type LimitsDraft = Record<keyof LimitsDto, string>;

/** The limits in the order the form shows them, with the words a refusal uses for each. */
export const LIMIT_FIELDS: readonly { key: keyof LimitsDto; label: string }[] = [
  { key: 'maxBodyBytes', label: 'Largest request body (bytes)' },
  { key: 'maxBulkEntries', label: 'Entries per bulk request' },
  { key: 'maxUrlLength', label: 'Longest URL (characters)' },
  { key: 'maxParamValueLength', label: 'Longest parameter value (characters)' },
];

export function toLimitsDraft(limits: LimitsDto): LimitsDraft {
  return {
    maxBodyBytes: String(limits.maxBodyBytes),
    maxBulkEntries: String(limits.maxBulkEntries),
    maxUrlLength: String(limits.maxUrlLength),
    maxParamValueLength: String(limits.maxParamValueLength),
  };
}

export function fromLimitsDraft(draft: LimitsDraft): { limits: LimitsDto; errors: string[] } {
  const limits = {} as LimitsDto;
  const errors: string[] = [];
  for (const { key, label } of LIMIT_FIELDS) {
    const text = draft[key].trim();
    const value = Number(text);
    const [min, max] = LIMIT_BOUNDS[key];
    if (!/^\d+$/.test(text) || value < min || value > max) {
      errors.push(`${label}: "${text}" must be a whole number from ${min} to ${max}.`);
    }
    limits[key] = value;
  }
  return { limits, errors };
}

/** Extra tracking paths typed one a line; blank lines are ignored. */
export function fromPathsDraft(text: string): { paths: string[]; errors: string[] } {
  const paths = text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const errors = paths.map(trackingPathProblem).filter((problem) => problem !== null);
  if (paths.length > MAX_TRACKING_PATHS) {
    errors.push(`At most ${MAX_TRACKING_PATHS} extra tracking paths can be listed.`);
  }
  return { paths, errors };
}
