import { useState } from 'react';
import { useAppStore } from '../../store/store-context';
import { setHeaders } from '../../requests/draft';
import { useFocusAdded } from '../common/use-focus-added';

/**
 * HTTP headers sent with the request. The user agent and language matter to Matomo: they
 * decide the device, the bot check and the browser language when ua / lang are not sent.
 */
export function HeadersEditor() {
  const headers = useAppStore((s) => s.draft.headers);
  const updateDraft = useAppStore((s) => s.updateDraft);
  const [name, setName] = useState('');
  const entries = Object.entries(headers);
  const put = (key: string, value: string) =>
    updateDraft((d) => setHeaders(d, { ...d.headers, [key]: value }));
  // A header just added takes the focus in its value box, where typing goes next.
  const added = useFocusAdded();
  const validName = /^[a-z0-9-]+$/i.test(name.trim());
  const add = () => {
    if (!validName) return;
    const key = name.trim().toLowerCase();
    put(key, headers[key] ?? '');
    setName('');
    added.expect(key);
  };
  return (
    <details className="cmp-section">
      <summary className="cmp-heading">HTTP headers ({entries.length})</summary>
      {entries.map(([key, value]) => (
        <div key={key} className="cmp-row">
          <code className="cmp-header-name">{key}</code>
          <input
            className="input cmp-grow"
            aria-label={`Header ${key}`}
            ref={added.focusIfAdded(key)}
            value={value}
            onChange={(e) => put(key, e.target.value)}
          />
          <button
            type="button"
            className="button ghost small"
            aria-label={`Remove header ${key}`}
            onClick={() =>
              updateDraft((d) =>
                setHeaders(
                  d,
                  Object.fromEntries(Object.entries(d.headers).filter(([k]) => k !== key)),
                ),
              )
            }
          >
            ✕
          </button>
        </div>
      ))}
      <div className="cmp-row">
        <input
          className="input"
          list="cmp-header-names"
          aria-label="New header name"
          placeholder="user-agent"
          value={name}
          onChange={(e) => setName(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') add();
          }}
        />
        <datalist id="cmp-header-names">
          <option value="user-agent" />
          <option value="accept-language" />
          <option value="referer" />
          <option value="dnt" />
        </datalist>
        <button type="button" className="button small" disabled={!validName} onClick={add}>
          Add header
        </button>
      </div>
    </details>
  );
}
