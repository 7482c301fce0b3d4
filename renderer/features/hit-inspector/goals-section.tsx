import type { GoalMiss, GoalPrediction } from '../../../shared/matomo/goals/goal-match';
import type { SiteProfile } from '../../../shared/matomo/types';
import { revenueLabel } from '../../lib/referrer-label';

const FROM = { hit: "the hit's revenue", goal: "the goal's default", event: 'the event value' };

function Miss({ miss }: { miss: GoalMiss }) {
  return (
    <>
      Goal {miss.idgoal} “{miss.name}”: {miss.reason}
    </>
  );
}

/**
 * The goals this hit would convert, with their revenue, and why the closest other goal would
 * not, from the site profile's goal rules and the goals the visit converted before the hit.
 */
export function GoalsSection({
  idsite,
  site,
  prediction,
}: {
  idsite: number | null;
  site: SiteProfile | undefined;
  prediction: GoalPrediction;
}) {
  const goals = site?.goalDefinitions ?? [];
  const [closest, ...others] = prediction.misses;
  return (
    <section className="goals-section" aria-label="Goals">
      <h3>Goals</h3>
      {!site ? (
        <p className="muted">
          No site profile for idsite {idsite ?? '?'}: add one with goal rules in Settings to see
          conversions.
        </p>
      ) : goals.length === 0 ? (
        <p className="muted">Site {site.idsite} has no goal rules (Settings → Site profiles).</p>
      ) : (
        <>
          {prediction.conversions.length === 0 ? (
            <p>Converts no goal.</p>
          ) : (
            <ul className="goal-list">
              {prediction.conversions.map((conversion) => (
                <li key={conversion.idgoal} className="goal-converted">
                  <strong>
                    Converts goal {conversion.idgoal} “{conversion.name}”
                  </strong>{' '}
                  — revenue {revenueLabel(conversion.revenue)} ({FROM[conversion.revenueFrom]});{' '}
                  {conversion.because}
                </li>
              ))}
            </ul>
          )}
          {closest ? (
            <p className="goal-closest">
              <span className="muted">Closest goal not converted: </span>
              <Miss miss={closest} />
            </p>
          ) : null}
          {others.length ? (
            <details className="goal-others">
              <summary>Other goals ({others.length})</summary>
              <ul className="goal-list">
                {others.map((miss) => (
                  <li key={miss.idgoal}>
                    <Miss miss={miss} />
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </>
      )}
    </section>
  );
}
