import type { UrlParts } from '../../../shared/matomo/url-parts';
import { Highlight } from '../common/highlight';

function queryPairs(query: string): [string, string][] {
  return query
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq >= 0 ? pair.slice(0, eq) : pair;
      const value = eq >= 0 ? pair.slice(eq + 1) : '';
      const decode = (text: string) => {
        try {
          return decodeURIComponent(text.replace(/\+/g, ' '));
        } catch {
          return text;
        }
      };
      return [decode(name), decode(value)];
    });
}

/** A URL split into host, path, query fields and fragment. Shown as text, never a link. */
export function UrlView({ parts }: { parts: UrlParts }) {
  return (
    <div className="url-view">
      <div className="url-href mono">
        <Highlight text={parts.href} />
      </div>
      <dl className="url-parts">
        <dt>host</dt>
        <dd>
          {parts.scheme ? `${parts.scheme}://` : '//'}
          {parts.host}
          {parts.port ? `:${parts.port}` : ''}
        </dd>
        <dt>path</dt>
        <dd className="mono">{parts.path || '/'}</dd>
        {parts.query !== null
          ? queryPairs(parts.query).map(([name, value], i) => (
              <div key={i} className="url-query">
                <dt>{i === 0 ? 'query' : ''}</dt>
                <dd className="mono">
                  {name} = <Highlight text={value} />
                </dd>
              </div>
            ))
          : null}
        {parts.fragment !== null ? (
          <>
            <dt>fragment</dt>
            <dd className="mono">#{parts.fragment}</dd>
          </>
        ) : null}
      </dl>
    </div>
  );
}
