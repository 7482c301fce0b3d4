// Query-string helpers of admin routes: filters and integers with clear 400 errors.
import { hitFilterFromSearchParams, HitFilterError } from '../../../shared/api/hit-filter';
import type { HitFilterDto } from '../../../shared/api/types';
import { ApiError } from './reply';

/** The hit filter of /api/hits and /api/export, or 400 naming the bad value. */
export function filterFromUrl(url: URL): HitFilterDto {
  try {
    return hitFilterFromSearchParams(url.searchParams);
  } catch (err) {
    if (err instanceof HitFilterError) throw new ApiError(400, 'filter.invalid', err.message);
    throw err;
  }
}

/** An integer query value in [min, max] (values above max are clamped), or the default. */
export function intParam(
  url: URL,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = url.searchParams.get(name);
  if (raw === null || raw.trim() === '') return fallback;
  if (!/^-?\d+$/.test(raw.trim())) {
    throw new ApiError(400, 'query.invalid', `${name} must be an integer, got "${raw}".`);
  }
  const value = Number(raw);
  if (value < min) {
    throw new ApiError(400, 'query.invalid', `${name} must be at least ${min}, got ${value}.`);
  }
  return Math.min(value, max);
}

/** A boolean flag (1/0/true/false); absent → false. */
export function flagParam(url: URL, name: string): boolean {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return false;
  const v = raw.toLowerCase();
  if (v === '1' || v === 'true' || v === 'yes') return true;
  if (v === '0' || v === 'false' || v === 'no') return false;
  throw new ApiError(400, 'query.invalid', `${name} must be 1 or 0, got "${raw}".`);
}
