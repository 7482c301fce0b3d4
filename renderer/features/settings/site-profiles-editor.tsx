import { emptyDraft, type SiteProfileDraft } from '../../lib/site-profile-form';

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
          <label className="field wide">
            <span>Search keyword parameters (empty: Matomo&apos;s defaults)</span>
            <input
              className="input mono"
              placeholder="q, query, s, search, searchword, k, keyword, keywords"
              value={draft.searchKeywordParams}
              disabled={!draft.siteSearch}
              onChange={(e) => update(draft.key, { searchKeywordParams: e.target.value })}
            />
          </label>
          <label className="field wide">
            <span>Search category parameters</span>
            <input
              className="input mono"
              placeholder="none"
              value={draft.searchCategoryParams}
              disabled={!draft.siteSearch}
              onChange={(e) => update(draft.key, { searchCategoryParams: e.target.value })}
            />
          </label>
          <label className="field wide">
            <span>Excluded IPs (one a line: 1.2.3.4, 10.0.0.0/8, 192.168.1.*)</span>
            <textarea
              className="input mono"
              rows={1}
              value={draft.excludedIps}
              onChange={(e) => update(draft.key, { excludedIps: e.target.value })}
            />
          </label>
          <label className="field wide">
            <span>Excluded user agents (one a line: text, or /pattern/)</span>
            <textarea
              className="input mono"
              rows={1}
              value={draft.excludedUserAgents}
              onChange={(e) => update(draft.key, { excludedUserAgents: e.target.value })}
            />
          </label>
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
