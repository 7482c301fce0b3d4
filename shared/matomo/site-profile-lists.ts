// The lists a site profile may add to model Matomo's per-site settings: site search keyword
// and category parameter names, campaign name and keyword parameter names, excluded IPs and excluded user agents. One check for the
// settings form and the server, with a message per problem that names the value.
import { parseIpRange } from './ip-range';

export interface SiteProfileLists {
  searchKeywordParams?: readonly string[];
  searchCategoryParams?: readonly string[];
  campaignNameParams?: readonly string[];
  campaignKeywordParams?: readonly string[];
  excludedIps?: readonly string[];
  excludedUserAgents?: readonly string[];
}

export const SITE_PROFILE_LIST_LABELS: Record<keyof SiteProfileLists, string> = {
  searchKeywordParams: 'site search keyword parameter',
  searchCategoryParams: 'site search category parameter',
  campaignNameParams: 'campaign name parameter',
  campaignKeywordParams: 'campaign keyword parameter',
  excludedIps: 'excluded IP',
  excludedUserAgents: 'excluded user agent',
};

/** Matomo keeps these lists comma-separated, so a name with a comma cannot be stored. */
function nameProblem(name: string): string | null {
  if (name.trim() === '') return 'is empty';
  if (name.includes(',')) return 'contains a comma';
  if (/\s/.test(name)) return 'contains whitespace';
  return null;
}

/** Every problem of the lists, as "<site>: <label> "<value>" <problem>." sentences. */
export function siteProfileListProblems(lists: SiteProfileLists, site: string): string[] {
  const problems: string[] = [];
  const report = (key: keyof SiteProfileLists, value: string, problem: string) =>
    problems.push(`${site}: ${SITE_PROFILE_LIST_LABELS[key]} "${value}" ${problem}.`);
  const nameLists = [
    'searchKeywordParams',
    'searchCategoryParams',
    'campaignNameParams',
    'campaignKeywordParams',
  ] as const;
  for (const key of nameLists) {
    for (const name of lists[key] ?? []) {
      const problem = nameProblem(name);
      if (problem) report(key, name, problem);
    }
  }
  for (const ip of lists.excludedIps ?? []) {
    if (!parseIpRange(ip)) {
      report('excludedIps', ip, 'is not an IP address, a CIDR range or an IPv4 address with *');
    }
  }
  for (const agent of lists.excludedUserAgents ?? []) {
    if (agent.includes(',')) report('excludedUserAgents', agent, 'contains a comma');
    else if (agent.trim() === '') report('excludedUserAgents', agent, 'is empty');
  }
  return problems;
}
