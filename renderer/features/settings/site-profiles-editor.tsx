import { emptyDraft, type SiteProfileDraft } from '../../lib/site-profile-form';
import { GoalDefinitionsEditor } from './goal-definitions-editor';
import {
  DEFAULT_CAMPAIGN_KEYWORD_PARAMS,
  DEFAULT_CAMPAIGN_NAME_PARAMS,
} from '../../../shared/visits/referrer-facts';

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
  needsSearch?: boolean;
}[] = [
  {
    key: 'searchKeywordParams',
    label: "Search keyword parameters (empty: Matomo's defaults)",
    placeholder: 'q, query, s, search, searchword, k, keyword, keywords',
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
    label: "Campaign name parameters (empty: Matomo's defaults)",
    placeholder: DEFAULT_CAMPAIGN_NAME_PARAMS.join(', '),
  },
  {
    key: 'campaignKeywordParams',
    label: "Campaign keyword parameters (empty: Matomo's defaults)",
    placeholder: DEFAULT_CAMPAIGN_KEYWORD_PARAMS.join(', '),
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
          <label className="field narrow">
            <span>idsite</span>
            <input
              className="input"
              inputMode="numeric"
              value={draft.idsite}
              onChange={(e) => update(draft.key, { idsite: e.target.value })}
            />
          </label>
          <label className="field">
            <span>Name</span>
            <input
              className="input"
              value={draft.name}
              onChange={(e) => update(draft.key, { name: e.target.value })}
            />
          </label>
          <label className="field wide">
            <span>URLs (one a line)</span>
            <textarea
              className="input"
              rows={2}
              value={draft.urls}
              onChange={(e) => update(draft.key, { urls: e.target.value })}
            />
          </label>
          <label className="field">
            <span>Goal ids</span>
            <input
              className="input"
              placeholder="1, 2"
              value={draft.goals}
              onChange={(e) => update(draft.key, { goals: e.target.value })}
            />
          </label>
          <label className="field">
            <span>Active dimension ids</span>
            <input
              className="input"
              placeholder="1, 3"
              value={draft.dimensions}
              onChange={(e) => update(draft.key, { dimensions: e.target.value })}
            />
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={draft.siteSearch}
              onChange={(e) => update(draft.key, { siteSearch: e.target.checked })}
            />
            Site search enabled
          </label>
          {LIST_FIELDS.map(({ key, label, lines, placeholder, needsSearch }) => (
            <label className="field wide" key={key}>
              <span>{label}</span>
              {lines ? (
                <textarea
                  className="input mono"
                  rows={1}
                  value={draft[key]}
                  onChange={(e) => update(draft.key, { [key]: e.target.value })}
                />
              ) : (
                <input
                  className="input mono"
                  placeholder={placeholder}
                  value={draft[key]}
                  disabled={needsSearch && !draft.siteSearch}
                  onChange={(e) => update(draft.key, { [key]: e.target.value })}
                />
              )}
            </label>
          ))}
          <GoalDefinitionsEditor
            site={draft.idsite || '?'}
            goals={draft.goalDefinitions}
            usedIds={draft.goals.split(/[\s,]+/).map(Number)}
            onChange={(goalDefinitions) => update(draft.key, { goalDefinitions })}
          />
          <label className="field wide">
            <span>Accepted token_auth values (one a line; empty accepts any)</span>
            <textarea
              className="input mono"
              rows={1}
              value={draft.tokens}
              onChange={(e) => update(draft.key, { tokens: e.target.value })}
            />
          </label>
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
