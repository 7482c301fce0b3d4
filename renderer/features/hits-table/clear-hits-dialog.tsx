import { useState } from 'react';
import { forgetHitDetails } from '../../api/hit-detail-cache';
import { formatCount } from '../../lib/format';
import { useServices } from '../../services-context';
import { useAppStore, useAppStoreApi } from '../../store/store-context';
import { Dialog } from '../common/dialog';
import { DialogActions } from '../common/dialog-actions';
import { errorMessage } from '../../lib/error-message';

/** Confirms before deleting every captured hit, in memory and in the data file. */
export function ClearHitsDialog() {
  const open = useAppStore((s) => s.clearConfirmOpen);
  const hits = useAppStore((s) => s.summary?.hits ?? s.hits.ids.length);
  const store = useAppStoreApi();
  const { client } = useServices();
  const [busy, setBusy] = useState(false);
  if (!open) return null;
  const close = () => store.getState().setClearConfirmOpen(false);
  const confirm = async () => {
    setBusy(true);
    try {
      const summary = await client.reset();
      const state = store.getState();
      forgetHitDetails();
      state.clearHits();
      state.setSummary(summary);
      state.select(null);
      state.notify('All captured hits were deleted.');
      close();
    } catch (error) {
      store.getState().notify(`Clear failed: ${errorMessage(error)}`, 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      title="Clear all captured hits?"
      onClose={close}
      footer={
        <DialogActions
          tone="danger"
          onCancel={close}
          onConfirm={() => void confirm()}
          busy={busy}
          testId="confirm-clear"
        >
          Clear {formatCount(hits)} hits
        </DialogActions>
      }
    >
      <p>
        This deletes every captured hit from memory and from the data file on disk. It cannot be
        undone; export first if you need them.
      </p>
    </Dialog>
  );
}
