import { useState } from 'react';
import { useServices } from '../../services-context';
import { useAppStore } from '../../store/store-context';
import { fetchHits } from '../../requests/fetch-hits';
import { enabledPairs } from '../../requests/draft';
import { replayBulkItems } from '../../requests/replay';
import { bulkEntryFor } from '../../requests/send-plan';
import { pastedLines } from '../../requests/bulk-body';

/** Adds entries: pasted lines, the composer's request, or the hits selected in the table. */
export function BulkAddPanel() {
  const { client } = useServices();
  const addBulkEntries = useAppStore((s) => s.addBulkEntries);
  const draft = useAppStore((s) => s.draft);
  const selectedIds = useAppStore((s) => s.selectedIds);
  const notify = useAppStore((s) => s.notify);
  const [text, setText] = useState('');
  const addSelected = async () => {
    const { hits, missing } = await fetchHits(client, selectedIds);
    addBulkEntries(replayBulkItems(hits));
    if (missing.length > 0)
      notify(`${missing.length} selected hit(s) are no longer stored.`, 'error');
  };
  return (
    <section className="blk-add" aria-label="Add entries">
      <textarea
        className="input mono"
        aria-label="Paste requests, one per line"
        placeholder={
          'Paste requests, one per line:\n?idsite=1&rec=1&action_name=Home\nhttps://matomo.example/matomo.php?idsite=1&rec=1'
        }
        rows={3}
        value={text}
        spellCheck={false}
        onChange={(e) => setText(e.target.value)}
      />
      <div className="cmp-row">
        <button
          type="button"
          className="button small"
          disabled={text.trim() === ''}
          onClick={() => {
            addBulkEntries(pastedLines(text));
            setText('');
          }}
        >
          Add lines
        </button>
        <button
          type="button"
          className="button small"
          onClick={() => addBulkEntries([bulkEntryFor(enabledPairs(draft))])}
        >
          Add the composer’s request
        </button>
        <button
          type="button"
          className="button small"
          disabled={selectedIds.length === 0}
          onClick={() => void addSelected()}
        >
          Add selected hits ({selectedIds.length})
        </button>
      </div>
    </section>
  );
}
