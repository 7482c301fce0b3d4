// The hits of a running Hitscope (optionally of one run), read page by page from
// `GET /api/hits?fields=compact` with the API token, as any API client reads them.
import { API_ROUTES } from '../../../shared/api/routes';
import type { ApiErrorDto, HitSummariesPageDto, HitSummaryDto } from '../../../shared/api/types';

/** The server could not be asked (not running, refused the token, answered an error). */
export class ServerHitsError extends Error {
  override name = 'ServerHitsError';
}

const PAGE_SIZE = 1000;

async function errorText(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as ApiErrorDto;
    return body.error?.message ?? `HTTP ${response.status}`;
  } catch {
    return `HTTP ${response.status}`;
  }
}

/**
 * Every hit of a run carries its run id. A server that does not know runs ignores `run=` and
 * would answer with every hit: refuse rather than check the wrong hits.
 */
function checkRun(hits: readonly HitSummaryDto[], run: string, server: string): void {
  const other = hits.find((hit) => (hit as { run?: unknown }).run !== run);
  if (other) {
    throw new ServerHitsError(
      `Hitscope at ${server} answered with hits outside run "${run}" (hit ${other.id}): it does not filter by run; update it or leave out --run.`,
    );
  }
}

export async function hitsOfServer(options: {
  server: string;
  token?: string;
  run?: string;
  fetch?: typeof fetch;
}): Promise<HitSummaryDto[]> {
  const get = options.fetch ?? fetch;
  const hits: HitSummaryDto[] = [];
  let before: string | null = null;
  do {
    const query = new URLSearchParams({ fields: 'compact', limit: String(PAGE_SIZE) });
    if (options.run !== undefined) query.set('run', options.run);
    if (before !== null) query.set('before', before);
    const url = `${options.server}${API_ROUTES.hits}?${query.toString()}`;
    let response: Response;
    try {
      response = await get(url, {
        headers: options.token ? { authorization: `Bearer ${options.token}` } : {},
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new ServerHitsError(
        `cannot reach Hitscope at ${options.server} (${cause?.code ?? cause?.message ?? (error as Error).message}); start it with "hitscope serve" or give --server.`,
      );
    }
    if (response.status === 401) {
      throw new ServerHitsError(
        `Hitscope at ${options.server} refused the token: give it with --token or HITSCOPE_TOKEN.`,
      );
    }
    if (!response.ok) {
      throw new ServerHitsError(
        `Hitscope at ${options.server} answered ${response.status}: ${await errorText(response)}`,
      );
    }
    const page = (await response.json()) as HitSummariesPageDto;
    if (options.run !== undefined) checkRun(page.hits, options.run, options.server);
    hits.push(...page.hits);
    before = page.next;
  } while (before !== null);
  return hits;
}
