// Two selected hits compared with the same rules as `hitscope diff` (shared/diff): parameters
// matched up by name, volatile values left out of the differences, then the outcome and the
// issue codes. The earlier hit is A, the later one B.
import { useId, useMemo, useState, type ReactNode } from 'react';
import type { HitDto } from '../../../shared/api/types';
import { compareParams, verdictChanges } from '../../../shared/diff/hit-diff';
import { plural } from '../../lib/format';
import { Dialog } from '../common/dialog';
import { LocalTime } from '../common/local-time';
import { TYPE_LABELS } from '../common/type-icon';
import { useHitDetail, type HitDetailState } from '../hit-inspector/use-hit-detail';
import { ParamDiffTable } from './param-diff-table';
import '../../styles/hit-diff.css';

function byArrival(a: HitDto, b: HitDto): [HitDto, HitDto] {
  const order = a.receivedAt.localeCompare(b.receivedAt) || a.index - b.index;
  return order <= 0 ? [a, b] : [b, a];
}

function HitLine({ letter, hit }: { letter: string; hit: HitDto }) {
  return (
    <li>
      <span className="diff-letter">Hit {letter}</span> {TYPE_LABELS[hit.type]}
      {hit.summary ? ` · ${hit.summary}` : ''} · <LocalTime at={hit.receivedAt} format="clock" />
    </li>
  );
}

function Toggle({
  checked,
  onChange,
  children,
}: {
  checked: boolean;
  onChange: (checked: boolean) => void;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <label htmlFor={id}>
      <input
        id={id}
        type="checkbox"
        checked={checked}
        onChange={(event) => onChange(event.target.checked)}
      />{' '}
      {children}
    </label>
  );
}

function Comparison({ a, b }: { a: HitDto; b: HitDto }) {
  const [showVolatile, setShowVolatile] = useState(true);
  const [onlyDifferences, setOnlyDifferences] = useState(false);
  const rows = useMemo(() => compareParams(a, b), [a, b]);
  const verdicts = useMemo(() => verdictChanges(a, b), [a, b]);
  const differences = rows.filter((row) => !row.ignored && row.status !== 'same');
  const count = (status: string) => differences.filter((row) => row.status === status).length;
  const shown = rows.filter(
    (row) =>
      (showVolatile || !row.ignored) &&
      (!onlyDifferences || (!row.ignored && row.status !== 'same')),
  );
  const total = differences.length + verdicts.length;
  return (
    <>
      <ul className="diff-pair">
        <HitLine letter="A" hit={a} />
        <HitLine letter="B" hit={b} />
      </ul>
      <p className="diff-summary" data-testid="diff-summary">
        {total === 0
          ? 'No differences (volatile values ignored).'
          : `${plural(total, 'difference')}: ${count('added')} added, ${count('removed')} removed, ${count('changed')} changed parameters${verdicts.length > 0 ? `, ${verdicts.map((v) => v.name).join(' and ')}` : ''}.`}
      </p>
      {verdicts.length > 0 ? (
        <ul className="diff-verdicts">
          {verdicts.map((change) => (
            <li key={change.name}>{change.text}</li>
          ))}
        </ul>
      ) : null}
      <div className="diff-options">
        <Toggle checked={showVolatile} onChange={setShowVolatile}>
          Show volatile values (r, h/m/s, pv_id, _idts, cdt, …)
        </Toggle>
        <Toggle checked={onlyDifferences} onChange={setOnlyDifferences}>
          Only differences
        </Toggle>
      </div>
      <ParamDiffTable rows={shown} />
    </>
  );
}

function problem(state: HitDetailState): string | null {
  return state.status === 'error' ? state.message : null;
}

/** Compares the two hits `ids` (in any order) in a dialog. */
export function HitDiffDialog({
  ids,
  onClose,
}: {
  ids: readonly [string, string];
  onClose: () => void;
}) {
  const first = useHitDetail(ids[0]);
  const second = useHitDetail(ids[1]);
  const error = problem(first) ?? problem(second);
  let body;
  if (error) body = <p role="alert">The hits cannot be compared: {error}</p>;
  else if (first.status === 'ready' && second.status === 'ready') {
    const [a, b] = byArrival(first.detail.hit, second.detail.hit);
    body = <Comparison a={a} b={b} />;
  } else body = <p role="status">Loading both hits…</p>;
  return (
    <Dialog
      title="Compare two hits"
      onClose={onClose}
      wide
      footer={
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      }
    >
      <div className="hit-diff">{body}</div>
    </Dialog>
  );
}
