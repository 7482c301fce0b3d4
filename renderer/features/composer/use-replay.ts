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
import {
  addCounts,
  describeCounts,
  describeSend,
  sentOutcomes,
  type OutcomeCounts,
} from '../../requests/send-verdict';
import { errorMessage } from '../../lib/error-message';

export interface ReplayOptions {
  target: string;
  regenerate: RegenerateOptions;
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
      // A new resend starts: the notice of the previous one no longer applies.
      store.getState().dismissToast();
      let found: Awaited<ReturnType<typeof fetchHits>>;
      try {
        found = await fetchHits(client, ids);
      } catch (cause) {
        store.getState().notify(`Not resent: ${errorMessage(cause)}`, 'error');
        return [];
      }
      const { hits, missing } = found;
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
      if (hits.length === 0) return;
      const regenerator = new VolatileRegenerator(options.regenerate);
      let ok = 0;
      let carried = 0;
      let last = '';
      const counts: OutcomeCounts = {};
      let answeredUnknown = 0;
      let notSent = 0;
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
        if (!outcome.response) notSent++;
        const outcomes = await sentOutcomes(client, outcome.response);
        if (!outcomes && outcome.response) answeredUnknown++;
        addCounts(counts, outcomes);
        last = describeSend(outcome.response, outcome.error, outcomes);
      }
      // Said as outcomes (an excluded hit is answered 200 like a recorded one); the HTTP
      // answer only where the outcome is not known (a real Matomo does not report it).
      const summary = [
        describeCounts(counts, false),
        answeredUnknown > 0 ? `${answeredUnknown} answered (outcome not reported)` : '',
        notSent > 0 ? `${notSent} not sent` : '',
      ]
        .filter(Boolean)
        .join('; ');
      store
        .getState()
        .notify(
          (hits.length === 1
            ? `Resent to ${targetLabel(options.target)}: ${last}.`
            : `Resent ${hits.length} hits to ${targetLabel(options.target)}: ${summary || 'none answered'}.`) +
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
      const outcomes = mapping?.aborted ? null : await sentOutcomes(client, answer);
      const captured = outcomes ? describeCounts(outcomes, false) : '';
      const counts = mapping?.aborted
        ? `Matomo aborted the bulk and stored none of it${mapping.tracked !== null ? ` (${mapping.tracked} processed before the error, rolled back)` : ''}`
        : captured
          ? captured
          : mapping && mapping.tracked !== null
            ? `tracked ${mapping.tracked}, invalid ${mapping.invalid ?? 0}`
            : describeSend(answer, outcome.error, null);
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
