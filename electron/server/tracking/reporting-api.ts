// The slice of Matomo's reporting API that tracking tools call before they send hits:
// the log importer (import_logs.py) asks SitesManager for the site it imports into and
// crashes on anything but JSON (docs/tracking-protocol.md#real-clients). Answers come from the site profiles;
// with none configured, a default site 1 stands in so imports work out of the box.
// Values are strings, as Matomo's API returns database rows.
import type { SiteProfile } from '../../../shared/matomo/types';

export interface ReportingAnswer {
  status: number;
  body: string;
}

/** The site used when no profile is configured. */
export const DEFAULT_SITE: SiteProfile = {
  idsite: 1,
  name: 'Default site',
  urls: ['http://localhost'],
  goals: [],
  dimensions: [],
  siteSearch: true,
  tokens: [],
};

export const SUPPORTED_METHODS = [
  'SitesManager.getSiteFromId',
  'SitesManager.getSitesIdFromSiteUrl',
  'SitesManager.getAllSites',
] as const;

/** True when the parameters address the reporting API (`module=API`). */
export function isReportingCall(params: URLSearchParams): boolean {
  return params.get('module') === 'API';
}

function siteRow(site: SiteProfile): Record<string, string> {
  return {
    idsite: String(site.idsite),
    name: site.name,
    main_url: site.urls[0] ?? 'http://localhost',
    ts_created: '2000-01-01 00:00:00',
    ecommerce: '1',
    sitesearch: site.siteSearch ? '1' : '0',
    sitesearch_keyword_parameters: '',
    sitesearch_category_parameters: '',
    timezone: 'UTC',
    currency: 'USD',
    exclude_unknown_urls: '0',
    excluded_ips: '',
    excluded_parameters: '',
    excluded_user_agents: '',
    excluded_referrers: '',
    group: '',
    type: 'website',
    keep_url_fragment: '0',
    creator_login: 'hitscope',
  };
}

const error = (status: number, message: string): ReportingAnswer => ({
  status,
  body: JSON.stringify({ result: 'error', message }),
});

const ok = (value: unknown): ReportingAnswer => ({ status: 200, body: JSON.stringify(value) });

/** `www.` and the scheme do not matter when matching a site URL, as in Matomo. */
function hostOf(url: string): string | null {
  try {
    const parsed = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `http://${url}`);
    return parsed.host.toLowerCase().replace(/^www\./, '');
  } catch {
    return null;
  }
}

/** A site is visible to a token when it lists no tokens, or lists this one. */
function allowed(site: SiteProfile, token: string | null): boolean {
  return site.tokens.length === 0 || (token !== null && site.tokens.includes(token));
}

export function answerReportingCall(
  params: URLSearchParams,
  profiles: SiteProfile[],
): ReportingAnswer {
  const sites = profiles.length > 0 ? profiles : [DEFAULT_SITE];
  const token = params.get('token_auth');
  const method = params.get('method') ?? '';
  switch (method) {
    case 'SitesManager.getSiteFromId': {
      const text = params.get('idSite') ?? params.get('idsite') ?? '';
      const id = /^\d+$/.test(text) ? Number(text) : NaN;
      const site = sites.find((s) => s.idsite === id);
      if (!site) {
        return error(
          400,
          `No site with idSite "${text}" is configured in Hitscope's site profiles.`,
        );
      }
      if (!allowed(site, token)) {
        return error(
          401,
          `The token_auth is not one of the tokens listed for site ${site.idsite}.`,
        );
      }
      return ok(siteRow(site));
    }
    case 'SitesManager.getSitesIdFromSiteUrl': {
      const host = hostOf(params.get('url') ?? '');
      if (host === null) return error(400, 'The url parameter is missing or is not a URL.');
      // Without profiles every URL belongs to the default site, so imports need no setup.
      const matches =
        profiles.length === 0
          ? [DEFAULT_SITE]
          : sites.filter((s) => allowed(s, token) && s.urls.some((u) => hostOf(u) === host));
      return ok(matches.map((s) => ({ idsite: String(s.idsite) })));
    }
    case 'SitesManager.getAllSites':
      return ok(
        Object.fromEntries(
          sites.filter((s) => allowed(s, token)).map((s) => [String(s.idsite), siteRow(s)]),
        ),
      );
    default:
      return error(
        400,
        `Hitscope answers only ${SUPPORTED_METHODS.join(', ')} of the reporting API; got method "${method}".`,
      );
  }
}
