// Referrer and campaign attribution of visits and conversions.
export * from './conversion-attribution';
export { SEARCH_ENGINES, SOCIAL_NETWORKS, searchEngineOf, socialNetworkOf } from './referrer-hosts';
