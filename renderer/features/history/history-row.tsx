import { useRef, useState } from 'react';
import type { HistoryEntryDto } from '../../../shared/api/types';
import { targetLabel } from '../../requests/target';
import { LocalTime } from '../common/local-time';

/** One sent request: when, what, where, the answer; open, rename, delete. */
export function HistoryRow(props: {
  entry: HistoryEntryDto;
  onOpen(): void;
  onRename(name: string | null): Promise<void>;
  onDelete(): Promise<void>;
}) {
  const { entry, onOpen, onRename, onDelete } = props;
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(entry.name ?? '');
  const [confirming, setConfirming] = useState(false);
  // The rename box closes on Enter or Esc: focus goes back to Rename, not to the page.
  const refocus = useRef(false);
  const renameButton = (node: HTMLButtonElement | null) => {
    if (!node || !refocus.current) return;
    refocus.current = false;
    node.focus();
  };
  const closeEditor = () => {
    refocus.current = true;
    setEditing(false);
  };
  const startEditing = () => {
    // Starts from the title shown, so a small change does not mean typing it all again.
    setName(entry.name ?? entry.summary);
    setEditing(true);
  };
  const status = entry.response
    ? `${entry.response.status} ${entry.response.statusText}`
    : `failed: ${entry.error ?? 'no answer'}`;
  const title = entry.name ?? entry.summary;
  const commit = async () => {
    await onRename(name.trim() === '' ? null : name.trim());
    closeEditor();
  };
  return (
    <li className="hst-row" data-testid="history-entry" aria-label={title}>
      <div className="hst-main">
        {editing ? (
          <input
            className="input"
            aria-label="New name"
            // The rename box is opened on purpose; focusing it saves a click.
            autoFocus
            value={name}
            onChange={(e) => setName(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') void commit();
              if (e.key === 'Escape') closeEditor();
            }}
          />
        ) : (
          <span className="hst-title">{title}</span>
        )}
        <span className="faint hst-meta">
          {entry.name ? `${entry.summary} · ` : ''}
          <LocalTime at={entry.createdAt} /> ·{' '}
          {entry.kind === 'bulk' ? 'bulk' : entry.request.method} to{' '}
          {targetLabel(entry.request.target)} · {entry.origin}
        </span>
      </div>
      <span
        className={`hst-status ${entry.response && entry.response.status < 400 ? 'ok' : 'error'}`}
      >
        {status}
      </span>
      <span className="muted hst-duration">
        {entry.response ? `${Math.round(entry.response.durationMs)} ms` : ''}
      </span>
      <div className="hst-actions">
        <button
          type="button"
          className="button small"
          disabled={entry.requestBodyTruncated === true}
          title={
            entry.requestBodyTruncated
              ? 'This request was too large to keep whole, so it cannot be reopened.'
              : 'Open in the composer (or the bulk builder for a bulk)'
          }
          onClick={onOpen}
        >
          Open
        </button>
        {editing ? (
          <button type="button" className="button small" onClick={() => void commit()}>
            Save
          </button>
        ) : (
          <button type="button" className="button small" ref={renameButton} onClick={startEditing}>
            Rename
          </button>
        )}
        {confirming ? (
          <button
            type="button"
            className="button small danger solid"
            onClick={() => void onDelete()}
          >
            Really delete
          </button>
        ) : (
          <button type="button" className="button small danger" onClick={() => setConfirming(true)}>
            Delete
          </button>
        )}
      </div>
    </li>
  );
}
