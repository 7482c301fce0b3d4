import { useCallback } from 'react';
import { useServices } from '../../services-context';
import { useAppStoreApi } from '../../store/store-context';
import { sendAndRecord } from '../../requests/history-api';
import { sendPairs, sendRequestFor } from '../../requests/send-plan';
import { summarizePairs } from '../../requests/summary';

/** Sends the composer's request now (send-time values filled in) and keeps the answer. */
export function useComposerSend(): () => Promise<void> {
  const store = useAppStoreApi();
  const { client } = useServices();
  return useCallback(async () => {
    const state = store.getState();
    if (state.composerSend.status === 'sending') return;
    const pairs = sendPairs(state.draft, state.composerPrefs, new Date());
    const request = sendRequestFor(pairs, {
      method: state.draft.method,
      target: state.composerTarget,
      path: state.draft.path,
      headers: state.draft.headers,
    });
    state.setComposerSend({ status: 'sending' });
    const outcome = await sendAndRecord(client, store, request, {
      kind: 'single',
      origin: 'composer',
      summary: summarizePairs(pairs),
    });
    store.getState().setComposerSend({ status: 'done', record: outcome });
    const idsite = pairs.find((p) => p.name === 'idsite')?.value;
    if (outcome.response && idsite !== undefined) store.getState().rememberIdsite(idsite);
  }, [store, client]);
}
