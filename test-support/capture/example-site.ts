// A site profile for the checks that depend on one: custom dimension 1 active, nothing else.
import type { SiteProfile } from '../../shared/matomo/types';

export const EXAMPLE_SITE: SiteProfile = {
  idsite: 1,
  name: 'Example',
  urls: ['https://example.com'],
  goals: [],
  dimensions: [1],
  siteSearch: false,
  tokens: [],
};
