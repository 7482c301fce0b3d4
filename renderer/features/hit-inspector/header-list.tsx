import { Highlight } from '../common/highlight';

// Headers that carry credentials of the page the tracker ran on; always hidden. token_auth in
// other headers (a Referer) is masked by the caller with the rest of the request.
const SENSITIVE = new Set(['cookie', 'authorization', 'proxy-authorization']);

export function HeaderList({ headers }: { headers: Record<string, string> }) {
  const entries = Object.entries(headers);
  if (entries.length === 0) return null;
  return (
    <dl className="header-list mono">
      {entries.map(([name, value]) => (
        <div key={name}>
          <dt>{name}:</dt>
          <dd>
            {SENSITIVE.has(name.toLowerCase()) ? '•••• (hidden)' : <Highlight text={value} />}
          </dd>
        </div>
      ))}
    </dl>
  );
}
