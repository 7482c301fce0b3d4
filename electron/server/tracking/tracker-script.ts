// Hitscope receives tracking requests; it does not ship Matomo's JavaScript tracker. A page
// that loads `matomo.js` (or the older `piwik.js`) from Hitscope gets a short script instead
// of a 404, so the browser console says why nothing is tracked and what to do about it.

/** True for a request of the tracker code: `/matomo.js`, `/piwik.js`, also under a prefix. */
export function isTrackerScriptPath(path: string): boolean {
  return /\/(matomo|piwik)\.js$/i.test(path);
}

/** The script served in place of the tracker: one console error naming the fix. */
export function trackerScriptStandIn(path: string, trackerUrl: string): string {
  const message =
    `Hitscope does not serve Matomo's tracker code (${path}). ` +
    "Load matomo.js from your own Matomo (https://<your-matomo>/matomo.js) or from Matomo's " +
    `download, and point only setTrackerUrl at Hitscope: _paq.push(['setTrackerUrl', '${trackerUrl}']).`;
  return `console.error(${JSON.stringify(message)});\n`;
}
