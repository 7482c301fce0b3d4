// Copy-paste examples for the empty state, built around this server's tracker URL.

/**
 * The standard JavaScript tracker snippet with only the tracker URL pointed at Hitscope:
 * Hitscope receives hits but does not ship Matomo's tracker code, so `matomo.js` still comes
 * from the user's Matomo (the placeholder says so, and Hitscope's `/matomo.js` answers with a
 * console error saying the same).
 */
export function paqSnippet(trackerUrl: string, idsite: number): string {
  return `<script>
  var _paq = window._paq = window._paq || [];
  _paq.push(['trackPageView']);
  _paq.push(['enableLinkTracking']);
  (function() {
    // matomo.js comes from your Matomo; only the hits go to Hitscope.
    var matomo = 'https://YOUR-MATOMO.example/';
    _paq.push(['setTrackerUrl', '${trackerUrl}']);
    _paq.push(['setSiteId', '${idsite}']);
    var d = document, g = d.createElement('script'), s = d.getElementsByTagName('script')[0];
    g.async = true; g.src = matomo + 'matomo.js'; s.parentNode.insertBefore(g, s);
  })();
</script>`;
}

export interface SdkHint {
  name: string;
  code: string;
}

export function sdkHints(trackerUrl: string, idsite: number): SdkHint[] {
  const base = trackerUrl.replace(/\/matomo\.php$/, '');
  return [
    {
      name: 'Existing site',
      code: `_paq.push(['setTrackerUrl', '${trackerUrl}']);`,
    },
    {
      name: 'curl',
      code: `curl '${trackerUrl}?idsite=${idsite}&rec=1&action_name=Hello&url=https://example.org/'`,
    },
    {
      name: 'PHP (matomo-php-tracker)',
      code: `$tracker = new MatomoTracker(${idsite}, '${base}/');`,
    },
    {
      name: 'Node (matomo-tracker)',
      code: `const matomo = new MatomoTracker(${idsite}, '${trackerUrl}');`,
    },
    {
      name: 'Android / iOS SDK',
      code: `Tracker URL: ${trackerUrl}   Site id: ${idsite}`,
    },
  ];
}
