import { useState } from 'react';
import { RevealButton } from './reveal-button';

/** token_auth, masked unless the user reveals it (it grants write access to a Matomo). */
export function TokenInput(props: {
  value: string;
  onChange(value: string): void;
  label?: string;
}) {
  const { value, onChange, label = 'token_auth' } = props;
  const [reveal, setReveal] = useState(false);
  return (
    <span className="cmp-inline">
      <span className="muted">token_auth</span>
      <input
        className="input mono cmp-token"
        type={reveal ? 'text' : 'password'}
        aria-label={label}
        autoComplete="off"
        spellCheck={false}
        value={value}
        placeholder="needed for cip, cdt, …"
        onChange={(e) => onChange(e.target.value)}
      />
      <RevealButton revealed={reveal} onToggle={() => setReveal(!reveal)} />
    </span>
  );
}
