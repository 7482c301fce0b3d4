import { useState } from 'react';
import { useAppStore } from '../../store/store-context';
import { readTargetUrl } from '../../requests/target';

/**
 * Where a request goes: this Hitscope (default), the upstream Matomo of the settings, or a
 * Matomo URL typed here. A typed URL is checked before it is used.
 */
export function TargetPicker(props: {
  target: string;
  onChange(target: string, path: string | null): void;
}) {
  const { target, onChange } = props;
  const upstream = useAppStore((s) => s.settings?.upstreamUrl ?? '');
  const custom = target !== 'self' && target !== 'upstream';
  const [text, setText] = useState(custom ? target : '');
  const [editing, setEditing] = useState(custom);
  const [error, setError] = useState<string | null>(null);
  const commit = (value: string) => {
    const read = readTargetUrl(value);
    if ('error' in read) {
      setError(read.error);
      return;
    }
    setError(null);
    setText(read.target);
    onChange(read.target, read.path);
  };
  const mode = editing || custom ? 'url' : target;
  return (
    <div className="cmp-target">
      <select
        className="select"
        aria-label="Target"
        value={mode}
        onChange={(e) => {
          const value = e.target.value;
          if (value === 'url') {
            setEditing(true);
            if (text !== '') commit(text);
          } else {
            setEditing(false);
            setError(null);
            onChange(value, null);
          }
        }}
      >
        <option value="self">This Hitscope</option>
        {upstream ? <option value="upstream">Upstream Matomo ({upstream})</option> : null}
        <option value="url">Matomo URL…</option>
      </select>
      {mode === 'url' ? (
        <input
          className={`input cmp-target-url${error ? ' has-error' : ''}`}
          aria-label="Matomo base URL"
          placeholder="https://matomo.example.com/"
          value={text}
          aria-invalid={error ? true : undefined}
          title={error ?? ''}
          onChange={(e) => setText(e.target.value)}
          onBlur={() => commit(text)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit(text);
          }}
        />
      ) : null}
      {error ? (
        <span className="cmp-note error" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}
