import { useCallback } from 'react';
import { mapBulkAnswer } from '../../../shared/matomo/bulk-answer';
import { useServices } from '../../services-context';
import { useAppStoreApi } from '../../store/store-context';
import { sendAndRecord } from '../../requests/history-api';
import { bulkItem, bulkSendRequest } from '../../requests/bulk-body';

/** Sends the builder's entries as one bulk POST and maps Matomo's answer onto them. */
export function useBulkSend(): () => Promise<void> {
  const store = useAppStoreApi();
  const { client } = useServices();
  return useCallback(async () => {
    const state = store.getState();
    if (state.bulkSend.status === 'sending' || state.bulkEntries.length === 0) return;
    const entries = state.bulkEntries;
    const items = entries.map((e) => bulkItem(e.text));
    const request = bulkSendRequest(state.bulkTarget, state.bulkPath, items, {
      tokenAuth: state.bulkTokenAuth,
      sendImage: state.bulkSendImage,
    });
    state.setBulkSend({ status: 'sending' });
    const outcome = await sendAndRecord(client, store, request, {
      kind: 'bulk',
      origin: 'bulk',
      summary: `Bulk of ${entries.length} request${entries.length === 1 ? '' : 's'}`,
    });
    const answer = outcome.response;
    store.getState().setBulkSend({
      status: 'done',
      result: {
        keys: entries.map((e) => e.key),
        request,
        response: answer,
        error: outcome.error,
        mapping:
          answer && answer.bodyEncoding === 'utf8' ? mapBulkAnswer(items, answer.body) : null,
        sentAt: outcome.sentAt,
      },
    });
  }, [store, client]);
}
