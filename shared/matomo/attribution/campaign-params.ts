// Matomo's default campaign parameter names: config/global.ini.php line 1003
// (campaign_var_name) and line 1009 (campaign_keyword_var_name), read in order, the first
// non-empty value winning (plugins/Referrers/Columns/Base.php lines 378–409).
export const DEFAULT_CAMPAIGN_NAME_PARAMS: readonly string[] = [
  'pk_cpn',
  'pk_campaign',
  'piwik_campaign',
  'mtm_campaign',
  'matomo_campaign',
  'utm_campaign',
  'utm_source',
  'utm_medium',
];
export const DEFAULT_CAMPAIGN_KEYWORD_PARAMS: readonly string[] = [
  'pk_kwd',
  'pk_keyword',
  'piwik_kwd',
  'mtm_kwd',
  'mtm_keyword',
  'matomo_kwd',
  'utm_term',
];
