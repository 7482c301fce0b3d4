import { useRef, useState } from 'react';
import { useAppStore } from '../../store/store-context';
import {
  applyRawText,
  draftHasToken,
  normalizeRaw,
  rawView,
  sendsCarriedToken,
} from '../../requests/draft';

/**
 * The request as text, in two-way sync with the form: paste a URL, a query string or a curl
 * command and the form fills in; edit the form and the URL follows, correctly encoded.
 */
export function RawEditor({ baseUrl }: { baseUrl: string }) {
  const draft = useAppStore((s) => s.draft);
  const updateDraft = useAppStore((s) => s.updateDraft);
  const setTarget = useAppStore((s) => s.setComposerTarget);
  const addBulkEntries = useAppStore((s) => s.addBulkEntries);
  const setBulkOptions = useAppStore((s) => s.setBulkOptions);
  const setView = useAppStore((s) => s.setView);
  const atSend = useAppStore((s) =>
    [s.composerPrefs.cacheBuster ? 'r' : '', s.composerPrefs.localTime ? 'h, m, s' : '']
      .filter(Boolean)
      .join(', '),
  );
  const [revealToken, setRevealToken] = useState(false);
  // Set by the paste event just before the change it causes: a pasted request shows as its
  // own kind of hit, while typing only moves the form to a more specific kind.
  const pasted = useRef(false);
  const hasToken = draftHasToken(draft);
  const text = rawView(draft, baseUrl, { maskToken: !revealToken });
  const openBulk = () => {
    const bulk = draft.rawBulk;
    if (!bulk) return;
    addBulkEntries(
      bulk.items.map((item) => (typeof item === 'string' ? item : JSON.stringify(item))),
    );
    if (bulk.tokenAuth) setBulkOptions({ bulkTokenAuth: bulk.tokenAuth });
    setView('bulk');
  };
  return (
    <section className="cmp-raw" aria-label="Raw request">
      <div className="cmp-row cmp-raw-head">
        <label htmlFor="cmp-raw-text" className="cmp-heading">
          URL / query string
        </label>
        <span className="faint" id="cmp-raw-hint">
          Paste a URL, a query string, a curl command (bash, cmd) or a PowerShell request.
        </span>
        {hasToken ? (
          <button
            type="button"
            className="button ghost small"
            aria-pressed={revealToken}
            onClick={() => setRevealToken(!revealToken)}
          >
            {revealToken ? 'Mask token_auth' : 'Show token_auth'}
          </button>
        ) : null}
      </div>
      <textarea
        id="cmp-raw-text"
        aria-describedby="cmp-raw-hint"
        className="input mono cmp-raw-text"
        spellCheck={false}
        rows={5}
        value={text}
        onPaste={() => {
          pasted.current = true;
        }}
        onChange={(e) => {
          const value = e.target.value;
          const wasPasted = pasted.current;
          pasted.current = false;
          updateDraft((d) => applyRawText(d, value, baseUrl, { pasted: wasPasted }));
        }}
        onBlur={() => updateDraft(normalizeRaw)}
      />
      <div className="faint">
        {draft.rawBulk ? null : (
          <>
            {draft.method === 'POST' ? 'Sent as a POST form body, as the JS tracker does. ' : ''}
            {atSend ? `${atSend} are filled in when sending (see Defaults).` : ''}
          </>
        )}
      </div>
      {sendsCarriedToken(draft) ? (
        <div className="cmp-note" data-testid="carried-token-note">
          token_auth comes from the bulk request this hit came in: Matomo applied the bulk&apos;s
          token_auth to every entry (over an entry&apos;s own), and alone the hit needs it for cip,
          cdt and the other authenticated values.
          {draft.method === 'POST' ? ' It goes in the POST body.' : ''}
        </div>
      ) : null}
      {draft.rawError ? (
        <div className="cmp-note error" role="alert">
          {draft.rawError} Send is held until the text can be read.
        </div>
      ) : null}
      {draft.rawNotes.map((note) => (
        <div key={note} className="cmp-note">
          {note}
        </div>
      ))}
      {draft.rawOrigin ? (
        <div className="cmp-note">
          This URL points at {draft.rawOrigin}; the request still goes to the current target.{' '}
          <button
            type="button"
            className="button small"
            onClick={() => {
              const origin = draft.rawOrigin!;
              setTarget(origin);
              updateDraft((d) => ({ ...normalizeRaw(d), rawOrigin: null }));
            }}
          >
            Send to {draft.rawOrigin} instead
          </button>
        </div>
      ) : null}
      {draft.rawBulk ? (
        <div className="cmp-note" data-testid="raw-bulk-note">
          This is a bulk request with {draft.rawBulk.items.length} entries: Send sends it as it is,
          one POST of this body, and the checks below are of its entries (the form on the left is
          not used).{' '}
          <button type="button" className="button small" onClick={openBulk}>
            Open in the bulk builder
          </button>
        </div>
      ) : null}
    </section>
  );
}
