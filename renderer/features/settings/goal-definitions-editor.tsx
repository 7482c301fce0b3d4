import {
  GOAL_ATTRIBUTE_LABELS,
  GOAL_MATCH_ATTRIBUTES,
  isEventGoalAttribute,
  isNumericGoalAttribute,
} from '../../../shared/matomo/goals/goal-definition';
import { emptyGoalDraft, withAttribute, type GoalDraft } from '../../lib/goal-definition-form';
import { HelpField } from '../common/help-field';

const TEXT_PATTERN_TYPES = ['contains', 'exact', 'regex'] as const;

/** What a pattern of each type matches. */
const PATTERN_HELP: Record<GoalDraft['patternType'], string> = {
  contains: 'Matches when the value contains this text.',
  exact: 'Matches the whole value (a URL with its http(s)://).',
  regex: 'A regular expression, tested anywhere in the value.',
  greater_than: 'Minutes since the visit’s first action; converts when the visit is longer.',
};

const PLACEHOLDER: Record<string, string> = {
  url: '/checkout/success',
  title: 'Thank you',
  file: '.pdf',
  external_website: 'partner.example',
  visit_duration: '5',
};

/**
 * The goals of one site as Matomo defines them: what they look at, the pattern, case
 * sensitivity, default revenue and whether a visit may convert them more than once.
 */
export function GoalDefinitionsEditor({
  site,
  goals,
  usedIds,
  onChange,
}: {
  site: string;
  goals: GoalDraft[];
  usedIds: readonly number[];
  onChange: (goals: GoalDraft[]) => void;
}) {
  const update = (key: string, next: (draft: GoalDraft) => GoalDraft) =>
    onChange(goals.map((goal) => (goal.key === key ? next(goal) : goal)));
  return (
    <fieldset className="goal-definitions">
      <legend>Goals of site {site}</legend>
      {goals.length === 0 ? (
        <p className="muted">
          No goal rules: hits are not checked for conversions (manual goal ids above still are).
        </p>
      ) : null}
      {goals.map((goal) => {
        const manual = goal.matchAttribute === 'manually';
        const numeric = isNumericGoalAttribute(goal.matchAttribute);
        return (
          <div
            key={goal.key}
            className="goal-definition"
            role="group"
            aria-label={`Goal ${goal.idgoal || '?'}`}
          >
            <HelpField className="narrow" label="idgoal">
              {(control) => (
                <input
                  {...control}
                  className="input"
                  inputMode="numeric"
                  value={goal.idgoal}
                  onChange={(e) => update(goal.key, (d) => ({ ...d, idgoal: e.target.value }))}
                />
              )}
            </HelpField>
            <HelpField label="Goal name">
              {(control) => (
                <input
                  {...control}
                  className="input"
                  value={goal.name}
                  onChange={(e) => update(goal.key, (d) => ({ ...d, name: e.target.value }))}
                />
              )}
            </HelpField>
            <HelpField label="Converts on">
              {(control) => (
                <select
                  {...control}
                  className="input"
                  value={goal.matchAttribute}
                  onChange={(e) =>
                    update(goal.key, (d) =>
                      withAttribute(d, e.target.value as GoalDraft['matchAttribute']),
                    )
                  }
                >
                  {GOAL_MATCH_ATTRIBUTES.map((attribute) => (
                    <option key={attribute} value={attribute}>
                      {GOAL_ATTRIBUTE_LABELS[attribute]}
                    </option>
                  ))}
                </select>
              )}
            </HelpField>
            {manual ? null : (
              <>
                <HelpField label="Pattern type">
                  {(control) => (
                    <select
                      {...control}
                      className="input"
                      value={goal.patternType}
                      disabled={numeric}
                      onChange={(e) =>
                        update(goal.key, (d) => ({
                          ...d,
                          patternType: e.target.value as GoalDraft['patternType'],
                        }))
                      }
                    >
                      {(numeric ? (['greater_than'] as const) : TEXT_PATTERN_TYPES).map((type) => (
                        <option key={type} value={type}>
                          {type === 'greater_than' ? 'more than (minutes)' : type}
                        </option>
                      ))}
                    </select>
                  )}
                </HelpField>
                <HelpField className="wide" label="Pattern" help={PATTERN_HELP[goal.patternType]}>
                  {(control) => (
                    <input
                      {...control}
                      className="input mono"
                      placeholder={PLACEHOLDER[goal.matchAttribute] ?? 'text'}
                      value={goal.pattern}
                      onChange={(e) => update(goal.key, (d) => ({ ...d, pattern: e.target.value }))}
                    />
                  )}
                </HelpField>
              </>
            )}
            <HelpField
              className="narrow"
              label="Default revenue"
              help="When the hit sends no revenue."
            >
              {(control) => (
                <input
                  {...control}
                  className="input"
                  inputMode="decimal"
                  placeholder="0"
                  value={goal.revenue}
                  onChange={(e) => update(goal.key, (d) => ({ ...d, revenue: e.target.value }))}
                />
              )}
            </HelpField>
            {manual || numeric ? null : (
              <label className="check">
                <input
                  type="checkbox"
                  checked={goal.caseSensitive}
                  onChange={(e) =>
                    update(goal.key, (d) => ({ ...d, caseSensitive: e.target.checked }))
                  }
                />
                Case-sensitive
              </label>
            )}
            <label className="check">
              <input
                type="checkbox"
                checked={goal.allowMultiple}
                onChange={(e) =>
                  update(goal.key, (d) => ({ ...d, allowMultiple: e.target.checked }))
                }
              />
              Several conversions per visit
            </label>
            {isEventGoalAttribute(goal.matchAttribute) ? (
              <label className="check">
                <input
                  type="checkbox"
                  checked={goal.eventValueAsRevenue}
                  onChange={(e) =>
                    update(goal.key, (d) => ({ ...d, eventValueAsRevenue: e.target.checked }))
                  }
                />
                Event value is the revenue
              </label>
            ) : null}
            <button
              type="button"
              className="button small danger"
              aria-label={`Remove goal ${goal.idgoal}`}
              onClick={() => onChange(goals.filter((item) => item.key !== goal.key))}
            >
              Remove
            </button>
          </div>
        );
      })}
      <button
        type="button"
        className="button small"
        onClick={() => onChange([...goals, emptyGoalDraft(goals, usedIds)])}
      >
        Add goal
      </button>
    </fieldset>
  );
}
