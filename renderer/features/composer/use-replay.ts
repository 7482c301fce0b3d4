import { useCallback } from 'react';
import type { HitDto } from '../../../shared/api/types';
import { mapBulkAnswer } from '../../../shared/matomo/bulk-answer';
import { VolatileRegenerator, type RegenerateOptions } from '../../../shared/matomo/volatile';
import { useServices } from '../../services-context';
import { useAppStoreApi } from '../../store/store-context';
import { bulkSendRequest } from '../../requests/bulk-body';
import { sendAndRecord } from '../../requests/history-api';
import { fetchHits } from '../../requests/fetch-hits';
import { carriedBulkToken, replayBulk, replayRequest } from '../../requests/replay';
import { targetLabel } from '../../requests/target';

export interface ReplayOptions {
  target: string;
  regenerate: RegenerateOptions;
}

function describeStatus(status: number | undefined, error: string | null): string {
  return error !== null ? `failed (${error})` : `answered ${status}`;
}

/** Says that hits of a bulk took its token_auth along (the token itself is never shown). */
function carriedNote(carried: number, total: number): string {
  if (carried === 0) return '';
  const which = total === 1 ? 'It' : `${carried} of them`;
  return ` ${which} came in a bulk with a top-level token_auth, which Matomo applied to each entry: that token_auth was added to the request (in a POST body).`;
}

/** Resending captured hits: one by one, or all in one bulk request. */
export function useReplay() {
  const store = useAppStoreApi();
  const { client } = useServices();

  const load = useCallback(
    async (ids: readonly string[]): Promise<HitDto[]> => {
      const { hits, missing } = await fetchHits(client, ids);
      if (missing.length > 0) {
        store
          .getState()
          .notify(`${missing.length} hit(s) are no longer stored and were skipped.`, 'error');
      }
      // A replay goes in the order the hits happened, whatever the order of selection.
      return hits.sort((a, b) => a.receivedAt.localeCompare(b.receivedAt) || a.index - b.index);
    },
    [client, store],
  );

  const oneByOne = useCallback(
    async (ids: readonly string[], options: ReplayOptions) => {
      const hits = await load(ids);
      const regenerator = new VolatileRegenerator(options.regenerate);
      let ok = 0;
      let carried = 0;
      let last = '';
      for (const hit of hits) {
        const withToken = carriedBulkToken(hit) !== null;
        if (withToken) carried++;
        const outcome = await sendAndRecord(
          client,
          store,
          replayRequest(hit, options.target, regenerator),
          {
            kind: 'single',
            origin: 'replay',
            summary: `Replay: ${hit.summary || hit.type}${withToken ? ' (with the bulk token_auth)' : ''}`,
          },
        );
        if (outcome.response && outcome.response.status < 400) ok++;
        last = describeStatus(outcome.response?.status, outcome.error);
      }
      store
        .getState()
        .notify(
          (hits.length === 1
            ? `Resent to ${targetLabel(options.target)}: ${last}.`
            : `Resent ${hits.length} hits to ${targetLabel(options.target)}: ${ok} answered without error.`) +
            carriedNote(carried, hits.length),
          ok === hits.length ? 'info' : 'error',
        );
    },
    [client, store, load],
  );

  const asBulk = useCallback(
    async (ids: readonly string[], options: ReplayOptions) => {
      const hits = await load(ids);
      if (hits.length === 0) return;
      // Each hit keeps its user agent (the bulk's header, or its own `ua`): see replayBulk.
      const { items, headers } = replayBulk(hits, new VolatileRegenerator(options.regenerate));
      const request = bulkSendRequest(options.target, '/matomo.php', items, {
        tokenAuth: '',
        sendImage: 'omit',
      });
      const outcome = await sendAndRecord(
        client,
        store,
        { ...request, headers: { ...request.headers, ...headers } },
        { kind: 'bulk', origin: 'replay', summary: `Replay of ${hits.length} hits as one bulk` },
      );
      const answer = outcome.response;
      const mapping = answer
        ? mapBulkAnswer(items, answer.bodyEncoding === 'utf8' ? answer.body : '')
        : null;
      // An error answer means the bulk was stopped and rolled back: its counts describe work
      // that was undone, so the notice leads with the loss (docs/tracking-protocol.md#bulk-isolation, #bulk-response).
      const counts = mapping?.aborted
        ? `Matomo aborted the bulk and stored none of it${mapping.tracked !== null ? ` (${mapping.tracked} processed before the error, rolled back)` : ''}`
        : mapping && mapping.tracked !== null
          ? `tracked ${mapping.tracked}, invalid ${mapping.invalid ?? 0}`
          : describeStatus(answer?.status, outcome.error);
      store
        .getState()
        .notify(
          `Resent ${hits.length} hits as one bulk to ${targetLabel(options.target)}: ${counts}.`,
          answer && !mapping?.aborted ? 'info' : 'error',
        );
    },
    [client, store, load],
  );

  return { oneByOne, asBulk, load };
}
