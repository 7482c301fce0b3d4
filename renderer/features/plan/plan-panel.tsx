import { useEffect, useMemo, useState } from 'react';
import type { RunDto } from '../../../shared/api/types';
import { describeMisses } from '../../../shared/plan/nearest-miss';
import type { ExpectationResult, TrackingPlan } from '../../../shared/plan/plan';
import { errorMessage } from '../../lib/error-message';
import { useServices } from '../../services-context';
import { useAppStore } from '../../store/store-context';
import { checkRun, planOf } from './run-plan';
import '../../styles/plan.css';

const STATUS_WORDS = { pass: 'met', fail: 'failed', open: 'waiting for hits' } as const;
const MARKS = { pass: '✓', fail: '✗', open: '○' } as const;

type Loaded = { plan: TrackingPlan } | { error: string } | { none: true } | null;

function Expectation({ result }: { result: ExpectationResult }) {
  const select = useAppStore((s) => s.select);
  const miss = result.nearestMisses[0];
  return (
    <li className={`plan-item ${result.status}`}>
      <span className="plan-mark" aria-hidden="true">
        {MARKS[result.status]}
      </span>
      <div className="plan-body">
        <div className="plan-line">
          <span className="plan-name">{result.name}</span>
          <span className="plan-count">{result.count}</span>
          <span className="visually-hidden">{STATUS_WORDS[result.status]}</span>
          {result.hitIds.slice(0, 3).map((id, i) => (
            <button
              key={id}
              type="button"
              className="button small ghost plan-hit"
              onClick={() => select(id)}
              aria-label={`Show hit ${i + 1} of ${result.name}`}
            >
              hit {i + 1}
            </button>
          ))}
          {result.hitIds.length > 3 ? (
            <span className="plan-count">+{result.hitIds.length - 3}</span>
          ) : null}
        </div>
        {result.status === 'fail' ? <p className="plan-message">{result.message}</p> : null}
        {result.status === 'open' && miss ? (
          <pre className="plan-miss">{describeMisses([miss])}</pre>
        ) : null}
      </div>
    </li>
  );
}

/** The checklist of the chosen run's plan, turning green as hits arrive. */
export function PlanPanel({ run }: { run: string }) {
  const { client } = useServices();
  const hits = useAppStore((s) => s.hits);
  const [loaded, setLoaded] = useState<Loaded>(null);
  useEffect(() => {
    let current = true;
    client
      .request<RunDto>('GET', `/api/runs/${encodeURIComponent(run)}`)
      .then((dto) => {
        if (!current) return;
        setLoaded(dto.plan === undefined ? { none: true } : { plan: planOf(dto.plan) });
      })
      .catch((error: unknown) => current && setLoaded({ error: errorMessage(error) }));
    return () => {
      current = false;
    };
  }, [client, run]);
  const plan = loaded && 'plan' in loaded ? loaded.plan : null;
  const result = useMemo(() => (plan ? checkRun(plan, hits, run) : null), [plan, hits, run]);
  if (loaded === null || 'none' in loaded) return null;
  if ('error' in loaded) {
    return (
      <p className="plan-panel plan-error" role="alert">
        The plan of run {run} cannot be shown: {loaded.error}
      </p>
    );
  }
  if (!result) return null;
  const met = result.expectations.filter((e) => e.status === 'pass').length;
  return (
    <details className={`plan-panel ${result.status}`} open>
      <summary>
        <span className="plan-title">Plan of run {run}</span>
        <span className="plan-summary" aria-live="polite">
          {met} of {result.expectations.length} expectations met ·{' '}
          {result.status === 'pass' ? 'passing' : result.status === 'fail' ? 'failing' : 'waiting'}
        </span>
      </summary>
      <ul className="plan-list" aria-label={`Expectations of run ${run}`}>
        {result.expectations.map((expectation) => (
          <Expectation key={expectation.name} result={expectation} />
        ))}
        {result.issues.map((check) => (
          <li key={check.name} className={`plan-item ${check.status}`}>
            <span className="plan-mark" aria-hidden="true">
              {MARKS[check.status]}
            </span>
            <div className="plan-body">
              <span className="plan-name">{check.name}</span>
              <span className="visually-hidden">{STATUS_WORDS[check.status]}</span>
              {check.status === 'fail' ? <p className="plan-message">{check.message}</p> : null}
            </div>
          </li>
        ))}
      </ul>
    </details>
  );
}
