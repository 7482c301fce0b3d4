import type { GoalPrediction } from '../../../shared/matomo/goals/goal-match';
import type { ParamValue } from '../../../shared/matomo/types';
import { textParam } from '../../../shared/matomo/validate-context';
import type { VisitActionDto } from '../../../shared/visits/types';
import { TYPE_LABELS, TypeIcon } from '../common/type-icon';
import { formatClock } from '../../lib/format';
import { revenueLabel } from '../../lib/referrer-label';
import { durationLabel } from '../../lib/visit-labels';

/** Visits are dated to the second, as Matomo stores them. */
const clock = (iso: string) => formatClock(Date.parse(iso)).slice(0, 8);

/** What an action is about: event path, order, search keyword, else its title or URL. */
function actionText(
  action: VisitActionDto,
  params: Record<string, ParamValue> | undefined,
): string {
  const p = params ?? {};
  switch (action.type) {
    case 'event':
      return [textParam(p, 'e_c'), textParam(p, 'e_a'), textParam(p, 'e_n')]
        .filter(Boolean)
        .join(' › ');
    case 'ecommerce_order':
      return `Order ${textParam(p, 'ec_id') || '?'}, revenue ${textParam(p, 'revenue') || '0'}`;
    case 'ecommerce_cart':
      return `Cart, revenue ${textParam(p, 'revenue') || '0'}`;
    case 'goal':
      return `Goal ${textParam(p, 'idgoal')}${textParam(p, 'revenue') ? `, revenue ${textParam(p, 'revenue')}` : ''}`;
    case 'download':
      return textParam(p, 'download') || action.url || '';
    case 'outlink':
      return textParam(p, 'link') || action.url || '';
    default:
      return action.title || action.url || '';
  }
}

/** One action of the timeline: time, type, what it is about, time on page, goals, findings. */
export function VisitActionRow({
  action,
  params,
  goals,
  entry,
  exit,
  onInspect,
}: {
  action: VisitActionDto;
  params: Record<string, ParamValue> | undefined;
  goals: GoalPrediction | undefined;
  entry: boolean;
  exit: boolean;
  onInspect: (hitId: string) => void;
}) {
  const text = actionText(action, params);
  return (
    <li className="visit-action" data-type={action.type} data-hit-id={action.hitId}>
      <span className="visit-action-time mono">{clock(action.at)}</span>
      <span className="visit-action-type">
        <TypeIcon type={action.type} />
        {TYPE_LABELS[action.type]}
      </span>
      <div className="visit-action-body">
        <div className="visit-action-text">
          <span className="ellipsis" title={action.url ?? text}>
            {text || '(no title)'}
          </span>
          {entry ? <span className="badge info">entry</span> : null}
          {exit ? <span className="badge info">exit</span> : null}
          {action.timeOnPageMs !== undefined ? (
            <span className="muted">{durationLabel(action.timeOnPageMs / 1000)} on page</span>
          ) : null}
        </div>
        {goals?.conversions.map((conversion) => (
          <div key={conversion.idgoal} className="visit-goal">
            <span className="badge recorded">
              Goal {conversion.idgoal} “{conversion.name}” converted
            </span>{' '}
            revenue {revenueLabel(conversion.revenue)}
          </div>
        ))}
        {action.note ? (
          <div>
            <span className="badge visit-reason" data-code={action.note.code}>
              {action.note.text}
            </span>
          </div>
        ) : null}
        {action.issues?.map((issue, index) => (
          <div
            key={`${issue.code}-${index}`}
            className={`visit-finding severity-${issue.severity}`}
          >
            <span className={`badge ${issue.severity === 'error' ? 'rejected' : 'excluded'}`}>
              {issue.code}
            </span>{' '}
            {issue.message}
            {issue.relatedHitId ? (
              <>
                {' '}
                <button
                  type="button"
                  className="link-button"
                  onClick={() => onInspect(issue.relatedHitId as string)}
                >
                  Inspect the earlier hit
                </button>
              </>
            ) : null}
          </div>
        ))}
      </div>
      <button
        type="button"
        className="button small"
        aria-label={`Inspect ${TYPE_LABELS[action.type].toLowerCase()} at ${clock(action.at)}`}
        onClick={() => onInspect(action.hitId)}
      >
        Inspect
      </button>
    </li>
  );
}
