import { HelpField } from '../common/help-field';
import { emptyDraft, type SiteProfileDraft } from '../../lib/site-profile-form';
import { GoalDefinitionsEditor } from './goal-definitions-editor';
import { VisitRulesEditor } from './visit-rules-editor';
import {
  DEFAULT_CAMPAIGN_KEYWORD_PARAMS,
  DEFAULT_CAMPAIGN_NAME_PARAMS,
} from '../../../shared/visits/referrer-facts';
import { DEFAULT_SEARCH_KEYWORD_PARAMS } from '../../../shared/matomo/site-search';

/** The optional lists of a profile that model Matomo's per-site settings. */
const LIST_FIELDS: readonly {
  key:
    | 'searchKeywordParams'
    | 'searchCategoryParams'
    | 'campaignNameParams'
    | 'campaignKeywordParams'
    | 'excludedIps'
    | 'excludedUserAgents';
  label: string;
  lines?: boolean;
  placeholder?: string;
  /** Matomo's names when the list is empty: in the help text, read whole (a box cuts them). */
  defaults?: readonly string[];
  needsSearch?: boolean;
}[] = [
  {
    key: 'searchKeywordParams',
    label: 'Search keyword parameters',
    defaults: DEFAULT_SEARCH_KEYWORD_PARAMS,
    needsSearch: true,
  },
  {
    key: 'searchCategoryParams',
    label: 'Search category parameters',
    placeholder: 'none',
    needsSearch: true,
  },
  {
    key: 'campaignNameParams',
    label: 'Campaign name parameters',
    defaults: DEFAULT_CAMPAIGN_NAME_PARAMS,
  },
  {
    key: 'campaignKeywordParams',
    label: 'Campaign keyword parameters',
    defaults: DEFAULT_CAMPAIGN_KEYWORD_PARAMS,
  },
  {
    key: 'excludedIps',
    label: 'Excluded IPs (one a line: 1.2.3.4, 10.0.0.0/8, 192.168.1.*)',
    lines: true,
  },
  {
    key: 'excludedUserAgents',
    label: 'Excluded user agents (one a line: text, or /pattern/)',
    lines: true,
  },
];

/**
 * Site profiles: what Hitscope knows of each Matomo site. Site-dependent checks (unknown
 * site, goal, inactive dimension, site search settings, excluded IPs and user agents, token)
 * run only with a profile.
 */
export function SiteProfilesEditor({
  drafts,
  onChange,
}: {
  drafts: SiteProfileDraft[];
  onChange: (drafts: SiteProfileDraft[]) => void;
}) {
  const update = (key: string, patch: Partial<SiteProfileDraft>) =>
    onChange(drafts.map((draft) => (draft.key === key ? { ...draft, ...patch } : draft)));
  return (
    <fieldset className="site-profiles">
      <legend>Site profiles</legend>
      {drafts.length === 0 ? (
        <p className="muted">
          No site described: any idsite is accepted and site-dependent checks are off.
        </p>
      ) : null}
      {drafts.map((draft) => (
        <div
          key={draft.key}
          className="site-profile"
          aria-label={`Site ${draft.idsite || '?'} profile`}
          role="group"
        >
          <HelpField className="narrow" label="idsite">
            {(control) => (
              <input
                {...control}
                className="input"
                inputMode="numeric"
                value={draft.idsite}
                onChange={(e) => update(draft.key, { idsite: e.target.value })}
              />
            )}
          </HelpField>
          <HelpField label="Name">
            {(control) => (
              <input
                {...control}
                className="input"
                value={draft.name}
                onChange={(e) => update(draft.key, { name: e.target.value })}
              />
            )}
          </HelpField>
          <HelpField className="wide" label="URLs (one a line)">
            {(control) => (
              <textarea
                {...control}
                className="input"
                rows={2}
                value={draft.urls}
                onChange={(e) => update(draft.key, { urls: e.target.value })}
              />
            )}
          </HelpField>
          <HelpField label="Goal ids">
            {(control) => (
              <input
                {...control}
                className="input"
                placeholder="1, 2"
                value={draft.goals}
                onChange={(e) => update(draft.key, { goals: e.target.value })}
              />
            )}
          </HelpField>
          <HelpField label="Active dimension ids">
            {(control) => (
              <input
                {...control}
                className="input"
                placeholder="1, 3"
                value={draft.dimensions}
                onChange={(e) => update(draft.key, { dimensions: e.target.value })}
              />
            )}
          </HelpField>
          <label className="check">
            <input
              type="checkbox"
              checked={draft.siteSearch}
              onChange={(e) => update(draft.key, { siteSearch: e.target.checked })}
            />
            Site search enabled
          </label>
          {LIST_FIELDS.map(({ key, label, lines, placeholder, defaults, needsSearch }) => (
            <HelpField
              key={key}
              className="wide"
              label={label}
              help={defaults ? `When empty, Matomo’s defaults: ${defaults.join(', ')}.` : undefined}
            >
              {(control) =>
                lines ? (
                  <textarea
                    {...control}
                    className="input mono"
                    rows={1}
                    value={draft[key]}
                    onChange={(e) => update(draft.key, { [key]: e.target.value })}
                  />
                ) : (
                  <input
                    {...control}
                    className="input mono"
                    placeholder={defaults ? 'Matomo’s defaults' : placeholder}
                    value={draft[key]}
                    disabled={needsSearch && !draft.siteSearch}
                    onChange={(e) => update(draft.key, { [key]: e.target.value })}
                  />
                )
              }
            </HelpField>
          ))}
          <VisitRulesEditor
            site={draft.idsite || '?'}
            rules={draft.visitRules}
            onChange={(visitRules) => update(draft.key, { visitRules })}
          />
          <GoalDefinitionsEditor
            site={draft.idsite || '?'}
            goals={draft.goalDefinitions}
            usedIds={draft.goals.split(/[\s,]+/).map(Number)}
            onChange={(goalDefinitions) => update(draft.key, { goalDefinitions })}
          />
          <HelpField
            className="wide"
            label="Accepted token_auth values (one a line; empty accepts any)"
          >
            {(control) => (
              <textarea
                {...control}
                className="input mono"
                rows={1}
                value={draft.tokens}
                onChange={(e) => update(draft.key, { tokens: e.target.value })}
              />
            )}
          </HelpField>
          <button
            type="button"
            className="button small danger"
            onClick={() => onChange(drafts.filter((item) => item.key !== draft.key))}
          >
            Remove
          </button>
        </div>
      ))}
      <button
        type="button"
        className="button small"
        onClick={() => onChange([...drafts, emptyDraft(drafts)])}
      >
        Add site profile
      </button>
    </fieldset>
  );
}
