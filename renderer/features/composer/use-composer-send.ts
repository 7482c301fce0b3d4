import { useCallback } from 'react';
import { useServices } from '../../services-context';
import { useAppStoreApi } from '../../store/store-context';
import { sendAndRecord } from '../../requests/history-api';
import { composerSendPlan } from '../../requests/send-plan';
import { summarizePairs } from '../../requests/summary';

/** Sends the composer's request now (send-time values filled in) and keeps the answer. */
export function useComposerSend(): () => Promise<void> {
  const store = useAppStoreApi();
  const { client } = useServices();
  return useCallback(async () => {
    const state = store.getState();
    if (state.composerSend.status === 'sending') return;
    // What the raw editor shows is what goes out: a bulk as that bulk; unreadable text not at all.
    const plan = composerSendPlan(
      state.draft,
      state.composerPrefs,
      state.composerTarget,
      new Date(),
    );
    if (plan.kind === 'unreadable') {
      state.notify(
        `Not sent: the raw request cannot be read (${plan.error}). Fix it, or clear it to start over.`,
        'error',
      );
      return;
    }
    state.setComposerSend({ status: 'sending' });
    const outcome = await sendAndRecord(client, store, plan.request, {
      kind: plan.kind,
      origin: 'composer',
      summary:
        plan.kind === 'bulk'
          ? `Bulk of ${plan.entries} request${plan.entries === 1 ? '' : 's'}`
          : summarizePairs(plan.pairs),
    });
    store.getState().setComposerSend({ status: 'done', record: outcome });
    if (plan.kind === 'bulk') return;
    const idsite = plan.pairs.find((p) => p.name === 'idsite')?.value;
    if (outcome.response && idsite !== undefined) store.getState().rememberIdsite(idsite);
  }, [store, client]);
}
