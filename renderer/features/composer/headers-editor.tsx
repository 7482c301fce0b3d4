import { useState } from 'react';
import { useAppStore } from '../../store/store-context';
import { setHeaders } from '../../requests/draft';

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
  return (
    <details className="cmp-section">
      <summary className="cmp-heading">HTTP headers ({entries.length})</summary>
      {entries.map(([key, value]) => (
        <div key={key} className="cmp-row">
          <code className="cmp-header-name">{key}</code>
          <input
            className="input cmp-grow"
            aria-label={`Header ${key}`}
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
        />
        <datalist id="cmp-header-names">
          <option value="user-agent" />
          <option value="accept-language" />
          <option value="referer" />
          <option value="dnt" />
        </datalist>
        <button
          type="button"
          className="button small"
          disabled={!/^[a-z0-9-]+$/i.test(name.trim())}
          onClick={() => {
            put(name.trim().toLowerCase(), '');
            setName('');
          }}
        >
          Add header
        </button>
      </div>
    </details>
  );
}
