import type { ApiClient } from '../../api/client';
import type { HitDto } from '../../../shared/api/types';

/** The full hits (raw query included) of the given ids, in that order; missing ones are named. */
export async function fetchHits(
  client: ApiClient,
  ids: readonly string[],
): Promise<{ hits: HitDto[]; missing: string[] }> {
  const results = await Promise.all(
    ids.map((id) =>
      client.hit(id).then(
        (detail) => detail.hit,
        () => null,
      ),
    ),
  );
  const hits: HitDto[] = [];
  const missing: string[] = [];
  results.forEach((hit, i) => {
    if (hit) hits.push(hit);
    else missing.push(ids[i]!);
  });
  return { hits, missing };
}
