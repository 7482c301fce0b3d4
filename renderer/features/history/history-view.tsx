import { useEffect, useState } from 'react';
import { errorMessage } from '../../lib/error-message';
import { useServices } from '../../services-context';
import { useAppStore } from '../../store/store-context';
import { HistoryRow } from './history-row';
import { deleteHistory, listHistory, renameHistory } from '../../requests/history-api';
import { bulkFromHistory, draftFromHistory } from './model/reopen';
import '../composer/composer.css';
import './history.css';

/** After a delete, focus goes to the entry now in its place (or the last one), not the page. */
function focusEntryAt(index: number): void {
  requestAnimationFrame(() => {
    const rows = document.querySelectorAll<HTMLElement>('[data-testid="history-entry"]');
    const row = rows[Math.min(index, rows.length - 1)];
    const target = row?.querySelector<HTMLElement>('button:not(:disabled)');
    (target ?? document.querySelector<HTMLElement>('[aria-label="Filter history"]'))?.focus();
  });
}

/** Every request sent from the app, newest first: reopen, rename, delete. */
export function HistoryView() {
  const { client } = useServices();
  const entries = useAppStore((s) => s.historyEntries);
  const loaded = useAppStore((s) => s.historyLoaded);
  const setHistory = useAppStore((s) => s.setHistory);
  const putEntry = useAppStore((s) => s.putHistoryEntry);
  const dropEntry = useAppStore((s) => s.dropHistoryEntry);
  const openInComposer = useAppStore((s) => s.openInComposer);
  const clearBulk = useAppStore((s) => s.clearBulk);
  const addBulkEntries = useAppStore((s) => s.addBulkEntries);
  const setBulkOptions = useAppStore((s) => s.setBulkOptions);
  const setView = useAppStore((s) => s.setView);
  const notify = useAppStore((s) => s.notify);
  const [error, setError] = useState<string | null>(null);
  const [filter, setFilter] = useState('');

  useEffect(() => {
    let live = true;
    listHistory(client).then(
      (list) => {
        if (live) setHistory(list.entries);
      },
      (cause: unknown) => {
        if (live) setError(errorMessage(cause));
      },
    );
    return () => {
      live = false;
    };
  }, [client, setHistory]);

  const fail = (what: string) => (cause: unknown) =>
    notify(`Could not ${what}: ${errorMessage(cause)}`, 'error');
  const needle = filter.trim().toLowerCase();
  const shown = needle
    ? entries.filter((e) => `${e.name ?? ''} ${e.summary}`.toLowerCase().includes(needle))
    : entries;

  return (
    <div className="hst-view">
      <div className="cmp-toolbar" role="toolbar" aria-label="History">
        <input
          className="input hst-filter"
          type="search"
          aria-label="Filter history"
          placeholder="Filter by name or summary"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
        <span className="muted">
          {entries.length} request{entries.length === 1 ? '' : 's'} kept in the data directory
        </span>
      </div>
      {error ? (
        <p className="cmp-note error" role="alert">
          The history could not be loaded: {error}
        </p>
      ) : null}
      {loaded && entries.length === 0 ? (
        <div className="hst-empty" data-testid="history-empty">
          <h2>Nothing sent yet</h2>
          <p className="muted">
            Every request sent from the composer, the bulk builder or a replay is kept here with its
            answer, to open again, rename or delete.
          </p>
          <button type="button" className="button" onClick={() => setView('compose')}>
            Compose a request
          </button>
        </div>
      ) : null}
      {entries.length > 0 && shown.length === 0 ? (
        <p className="muted hst-no-match">No sent request matches “{filter.trim()}”.</p>
      ) : null}
      <ul className="hst-list" aria-label="Sent requests">
        {shown.map((entry, index) => (
          <HistoryRow
            key={entry.id}
            entry={entry}
            onOpen={() => {
              const bulk = entry.kind === 'bulk' ? bulkFromHistory(entry) : null;
              if (bulk) {
                clearBulk();
                addBulkEntries(bulk.entries);
                setBulkOptions({
                  bulkTokenAuth: bulk.tokenAuth,
                  bulkSendImage: bulk.sendImage,
                  bulkTarget: bulk.target,
                  bulkPath: bulk.path,
                });
                setView('bulk');
              } else {
                openInComposer(draftFromHistory(entry), { target: entry.request.target });
              }
            }}
            onRename={(name) =>
              renameHistory(client, entry.id, name).then(putEntry, fail('rename it'))
            }
            onDelete={() =>
              deleteHistory(client, entry.id).then(() => {
                dropEntry(entry.id);
                focusEntryAt(index);
              }, fail('delete it'))
            }
          />
        ))}
      </ul>
    </div>
  );
}
