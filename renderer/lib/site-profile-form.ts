// Site profiles as the settings form edits them (text fields), and the checks that turn
// the form back into SiteProfile values with one clear message per problem.
import { siteProfileListProblems } from '../../shared/matomo/site-profile-lists';
import type { SiteProfile } from '../../shared/matomo/types';
import { fromGoalDrafts, toGoalDraft, type GoalDraft } from './goal-definition-form';
import { fromVisitRulesDraft, toVisitRulesDraft, type VisitRulesDraft } from './visit-rules-form';

export interface SiteProfileDraft {
  key: string;
  idsite: string;
  name: string;
  urls: string;
  goals: string;
  /** Goals with their rules. */
  goalDefinitions: GoalDraft[];
  dimensions: string;
  siteSearch: boolean;
  /** Site search keyword parameter names, comma-separated; empty: Matomo's defaults. */
  searchKeywordParams: string;
  /** Site search category parameter names, comma-separated; empty: none. */
  searchCategoryParams: string;
  /** Campaign name parameter names, comma-separated; empty: Matomo's defaults. */
  campaignNameParams: string;
  /** Campaign keyword parameter names, comma-separated; empty: Matomo's defaults. */
  campaignKeywordParams: string;
  /** Excluded IPs, one a line. */
  excludedIps: string;
  /** Excluded user agents, one a line. */
  excludedUserAgents: string;
  tokens: string;
  /** Visit length and the "new visit when …" rules. */
  visitRules: VisitRulesDraft;
}

let draftKey = 0;

export function toDraft(site: SiteProfile): SiteProfileDraft {
  draftKey += 1;
  return {
    key: `site-${draftKey}`,
    idsite: String(site.idsite),
    name: site.name,
    urls: site.urls.join('\n'),
    goals: site.goals.join(', '),
    goalDefinitions: (site.goalDefinitions ?? []).map(toGoalDraft),
    dimensions: site.dimensions.join(', '),
    siteSearch: site.siteSearch,
    searchKeywordParams: (site.searchKeywordParams ?? []).join(', '),
    searchCategoryParams: (site.searchCategoryParams ?? []).join(', '),
    campaignNameParams: (site.campaignNameParams ?? []).join(', '),
    campaignKeywordParams: (site.campaignKeywordParams ?? []).join(', '),
    excludedIps: (site.excludedIps ?? []).join('\n'),
    excludedUserAgents: (site.excludedUserAgents ?? []).join('\n'),
    tokens: site.tokens.join('\n'),
    visitRules: toVisitRulesDraft(site),
  };
}

export function emptyDraft(existing: readonly SiteProfileDraft[]): SiteProfileDraft {
  const used = existing.map((draft) => Number(draft.idsite)).filter(Number.isInteger);
  const next = used.length ? Math.max(...used) + 1 : 1;
  return toDraft({
    idsite: next,
    name: `Site ${next}`,
    urls: [],
    goals: [],
    dimensions: [],
    siteSearch: true,
    tokens: [],
  });
}

const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);

const names = (text: string) => text.split(/[\s,]+/).filter(Boolean);

/** The optional lists, each present only when it has entries. */
function profileLists(draft: SiteProfileDraft): Partial<SiteProfile> {
  const lists: Partial<SiteProfile> = {};
  const keyword = names(draft.searchKeywordParams);
  const category = names(draft.searchCategoryParams);
  const campaignNames = names(draft.campaignNameParams);
  const campaignKeywords = names(draft.campaignKeywordParams);
  const ips = lines(draft.excludedIps);
  const agents = lines(draft.excludedUserAgents);
  if (keyword.length) lists.searchKeywordParams = keyword;
  if (category.length) lists.searchCategoryParams = category;
  if (campaignNames.length) lists.campaignNameParams = campaignNames;
  if (campaignKeywords.length) lists.campaignKeywordParams = campaignKeywords;
  if (ips.length) lists.excludedIps = ips;
  if (agents.length) lists.excludedUserAgents = agents;
  return lists;
}

function idList(text: string, label: string, site: string, errors: string[]): number[] {
  const ids: number[] = [];
  for (const part of text.split(/[\s,]+/).filter(Boolean)) {
    const id = Number(part);
    if (Number.isInteger(id) && id > 0) ids.push(id);
    else errors.push(`${site}: ${label} "${part}" is not a positive whole number.`);
  }
  return [...new Set(ids)];
}

export function fromDrafts(drafts: readonly SiteProfileDraft[]): {
  sites: SiteProfile[];
  errors: string[];
} {
  const errors: string[] = [];
  const sites: SiteProfile[] = [];
  const seen = new Set<number>();
  drafts.forEach((draft, index) => {
    const label = draft.name.trim() || `Site profile ${index + 1}`;
    const idsite = Number(draft.idsite);
    if (!Number.isInteger(idsite) || idsite <= 0) {
      errors.push(`${label}: idsite "${draft.idsite}" is not a positive whole number.`);
    } else if (seen.has(idsite)) {
      errors.push(`${label}: idsite ${idsite} is used by another profile.`);
    }
    seen.add(idsite);
    const urls = lines(draft.urls);
    for (const url of urls) {
      if (!/^https?:\/\/[^\s/]+/i.test(url))
        errors.push(`${label}: "${url}" is not an http(s) URL.`);
    }
    const lists = profileLists(draft);
    errors.push(...siteProfileListProblems(lists, label));
    const goals = idList(draft.goals, 'goal id', label, errors);
    const goalDefinitions = fromGoalDrafts(draft.goalDefinitions, label, errors);
    const visitRules = fromVisitRulesDraft(draft.visitRules, label, errors);
    sites.push({
      idsite,
      name: draft.name.trim(),
      urls,
      goals,
      ...(goalDefinitions.length ? { goalDefinitions } : {}),
      dimensions: idList(draft.dimensions, 'dimension id', label, errors),
      siteSearch: draft.siteSearch,
      ...lists,
      tokens: lines(draft.tokens),
      ...visitRules,
    });
  });
  return { sites, errors };
}
