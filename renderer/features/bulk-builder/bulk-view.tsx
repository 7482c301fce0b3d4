import { useMemo, useState } from 'react';
import { matomoBulkIndices } from '../../../shared/matomo/bulk-answer';
import type { BulkEntryStatus } from '../../../shared/matomo/bulk-answer';
import { useAppStore } from '../../store/store-context';
import type { SendImageChoice } from '../../store/bulk-slice';
import { useCopy } from '../common/use-copy';
import { analyzeSendRequest } from '../../requests/analyze-draft';
import { useDeviceDetectorReady } from '../../requests/use-device-detector';
import { curlFor } from '../../requests/send-plan';
import { ResponseBody } from '../composer/response-body';
import { TargetPicker } from '../composer/target-picker';
import { TokenInput } from '../composer/token-input';
import { BulkAddPanel } from './bulk-add-panel';
import { BulkEntryRow, type EntryCheck } from './bulk-entry-row';
import { bulkItem, bulkSendRequest } from '../../requests/bulk-body';
import { draftFromBulkEntry } from './model/entry-draft';
import { useBulkSend } from './use-bulk-send';
import '../composer/composer.css';
import './bulk-builder.css';

/** Build a bulk request entry by entry, see each validated, send it, see which were tracked. */
export function BulkView() {
  const entries = useAppStore((s) => s.bulkEntries);
  const tokenAuth = useAppStore((s) => s.bulkTokenAuth);
  const sendImage = useAppStore((s) => s.bulkSendImage);
  const target = useAppStore((s) => s.bulkTarget);
  const path = useAppStore((s) => s.bulkPath);
  const sendState = useAppStore((s) => s.bulkSend);
  const sites = useAppStore((s) => s.settings?.sites);
  const setOptions = useAppStore((s) => s.setBulkOptions);
  const update = useAppStore((s) => s.updateBulkEntry);
  const move = useAppStore((s) => s.moveBulkEntry);
  const remove = useAppStore((s) => s.removeBulkEntry);
  const clear = useAppStore((s) => s.clearBulk);
  const openInComposer = useAppStore((s) => s.openInComposer);
  const send = useBulkSend();
  const copy = useCopy();
  const [now] = useState(() => Date.now());
  const origin = window.location.origin;

  const items = useMemo(() => entries.map((e) => bulkItem(e.text)), [entries]);
  const request = useMemo(
    () => bulkSendRequest(target, path, items, { tokenAuth, sendImage }),
    [target, path, items, tokenAuth, sendImage],
  );
  const body = request.body;
  // Checked again once the device detector has loaded (it loads on demand).
  const devicesReady = useDeviceDetectorReady();
  const checks = useMemo((): EntryCheck[] => {
    const indices = matomoBulkIndices(items);
    const analysis =
      entries.length > 0
        ? analyzeSendRequest(request, { sites: sites ?? [], now, devicesReady })
        : null;
    return indices.map((index) => ({
      index,
      hit: index === null ? null : (analysis?.hits.find((h) => h.index === index) ?? null),
    }));
  }, [items, entries.length, request, sites, now, devicesReady]);

  const result = sendState.status === 'done' ? sendState.result : null;
  const statusOf = (key: number): BulkEntryStatus | null => {
    if (!result?.mapping) return null;
    const at = result.keys.indexOf(key);
    return at < 0 ? null : (result.mapping.entries[at]?.status ?? null);
  };

  return (
    <div className="blk-view">
      <div className="cmp-toolbar" role="toolbar" aria-label="Bulk request">
        <TargetPicker
          target={target}
          onChange={(next, p) => setOptions({ bulkTarget: next, ...(p ? { bulkPath: p } : {}) })}
        />
        <TokenInput
          label="Bulk token_auth"
          value={tokenAuth}
          onChange={(value) => setOptions({ bulkTokenAuth: value })}
        />
        <label className="cmp-inline">
          <span className="muted">send_image</span>
          <select
            className="select"
            aria-label="send_image"
            value={sendImage}
            onChange={(e) => setOptions({ bulkSendImage: e.target.value as SendImageChoice })}
          >
            <option value="omit">not sent (JSON answer)</option>
            <option value="0">0 (204, no answer body)</option>
            <option value="1">1</option>
          </select>
        </label>
        <span className="cmp-spacer" />
        <button
          type="button"
          className="button small"
          disabled={entries.length === 0}
          onClick={() => void copy(curlFor(request, origin), 'the curl command')}
        >
          Copy curl
        </button>
        <button
          type="button"
          className="button small"
          disabled={entries.length === 0}
          onClick={() => void copy(body, 'the bulk JSON')}
        >
          Copy JSON
        </button>
        <button
          type="button"
          className="button small"
          disabled={entries.length === 0}
          onClick={clear}
        >
          Clear
        </button>
        <button
          type="button"
          className="button primary"
          disabled={entries.length === 0 || sendState.status === 'sending'}
          onClick={() => void send()}
        >
          {sendState.status === 'sending' ? 'Sending…' : `Send bulk (${entries.length})`}
        </button>
      </div>
      <div className="cmp-columns">
        <div className="cmp-form">
          <BulkAddPanel />
          {entries.length === 0 ? (
            <p className="faint">
              No entries yet: paste lines, add the composer’s request, or add hits selected in the
              table.
            </p>
          ) : (
            <ol className="blk-entries" aria-label="Bulk entries">
              {entries.map((entry, i) => (
                <BulkEntryRow
                  key={entry.key}
                  entry={entry}
                  position={i}
                  count={entries.length}
                  check={checks[i] ?? { index: null, hit: null }}
                  status={statusOf(entry.key)}
                  onChange={(text) => update(entry.key, text)}
                  onMove={(delta) => move(entry.key, delta)}
                  onRemove={() => remove(entry.key)}
                  onEdit={() =>
                    openInComposer(draftFromBulkEntry(entry.text), { bulkKey: entry.key })
                  }
                />
              ))}
            </ol>
          )}
        </div>
        <div className="cmp-side">
          {result ? (
            <section className="cmp-result" aria-label="Bulk result">
              {result.response ? (
                <>
                  <div className="cmp-row">
                    <span
                      className={`cmp-status ${result.response.status >= 400 ? 'error' : 'ok'}`}
                      data-testid="bulk-result-status"
                    >
                      {result.response.status} {result.response.statusText}
                    </span>
                    <span className="muted">{Math.round(result.response.durationMs)} ms</span>
                  </div>
                  {result.mapping?.notes.map((note) => (
                    <div key={note} className="cmp-note">
                      {note}
                    </div>
                  ))}
                  <ResponseBody response={result.response} />
                </>
              ) : (
                <div className="cmp-status error" role="alert">
                  Not sent: {result.error}
                </div>
              )}
            </section>
          ) : null}
          <details open className="cmp-section">
            <summary className="cmp-heading">JSON body</summary>
            <pre className="cmp-body mono" data-testid="bulk-json">
              {JSON.stringify(JSON.parse(body), null, 2)}
            </pre>
          </details>
        </div>
      </div>
    </div>
  );
}
