// Site profiles as the settings form edits them (text fields), and the checks that turn
// the form back into SiteProfile values with one clear message per problem.
import type { SiteProfile } from '../../shared/matomo/types';

export interface SiteProfileDraft {
  key: string;
  idsite: string;
  name: string;
  urls: string;
  goals: string;
  dimensions: string;
  siteSearch: boolean;
  tokens: string;
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
    dimensions: site.dimensions.join(', '),
    siteSearch: site.siteSearch,
    tokens: site.tokens.join('\n'),
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
    sites.push({
      idsite,
      name: draft.name.trim(),
      urls,
      goals: idList(draft.goals, 'goal id', label, errors),
      dimensions: idList(draft.dimensions, 'dimension id', label, errors),
      siteSearch: draft.siteSearch,
      tokens: lines(draft.tokens),
    });
  });
  return { sites, errors };
}
