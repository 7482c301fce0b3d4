import { useState } from 'react';
import { errorMessage } from '../../lib/error-message';
import { useServices } from '../../services-context';
import { useAppStore } from '../../store/store-context';
import type { SentRecord } from '../../store/composer-slice';
import { ResponseBody } from './response-body';
import { LocalTime } from '../common/local-time';

/** The answer to the last send: status, timing, headers and body; jump to the captured hit. */
export function ResultPanel({ record }: { record: SentRecord }) {
  const { client } = useServices();
  const select = useAppStore((s) => s.select);
  const setView = useAppStore((s) => s.setView);
  const notify = useAppStore((s) => s.notify);
  const [finding, setFinding] = useState(false);
  const { response, error } = record;
  const jump = async (requestId: string) => {
    setFinding(true);
    try {
      const page = await client.hits({ requestId }, { limit: 50 });
      const first = page.hits[page.hits.length - 1] ?? page.hits[0];
      if (!first) {
        notify('The request was received but produced no hit.', 'error');
        return;
      }
      select(first.id);
      setView('hits');
    } catch (cause) {
      notify(`Could not find the hit: ${errorMessage(cause)}`, 'error');
    } finally {
      setFinding(false);
    }
  };
  if (error !== null || !response) {
    return (
      <section className="cmp-result" aria-label="Result">
        <div className="cmp-status error" role="alert" data-testid="composer-result-status">
          Not sent: {error}
        </div>
      </section>
    );
  }
  const tone = response.status >= 400 ? 'error' : response.status >= 300 ? 'warn' : 'ok';
  return (
    <section className="cmp-result" aria-label="Result">
      <h2 className="cmp-result-title">
        Answer to the last send ({record.request.method} at{' '}
        <LocalTime at={record.sentAt} format="clock" />)
      </h2>
      <div className="cmp-row">
        <span className={`cmp-status ${tone}`} data-testid="composer-result-status">
          {response.status} {response.statusText}
        </span>
        <span className="muted">{Math.round(response.durationMs)} ms</span>
        <span className="faint mono cmp-ellipsis" title={response.url}>
          {response.url}
        </span>
        {response.requestId ? (
          <button
            type="button"
            className="button small"
            disabled={finding}
            onClick={() => void jump(response.requestId!)}
          >
            Show in hits
          </button>
        ) : null}
      </div>
      <details>
        <summary>Headers ({Object.keys(response.headers).length})</summary>
        <table className="cmp-headers">
          <tbody>
            {Object.entries(response.headers).map(([name, value]) => (
              <tr key={name}>
                <th className="mono">{name}</th>
                <td className="mono">{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      <ResponseBody response={response} />
    </section>
  );
}
