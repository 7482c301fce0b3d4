import { maskTokens } from '../../lib/mask-token';

// Headers that carry credentials of the page the tracker ran on; shown masked.
const SENSITIVE = new Set(['cookie', 'authorization', 'proxy-authorization']);

export function HeaderList({ headers }: { headers: Record<string, string> }) {
  const entries = Object.entries(headers);
  if (entries.length === 0) return null;
  return (
    <dl className="header-list mono">
      {entries.map(([name, value]) => (
        <div key={name}>
          <dt>{name}:</dt>
          <dd>{SENSITIVE.has(name.toLowerCase()) ? '•••• (hidden)' : maskTokens(value)}</dd>
        </div>
      ))}
    </dl>
  );
}
