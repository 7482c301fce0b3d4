// How much full device detection one request may ask for; in a module of its own so that the
// renderer's on-demand detector (which stands in for user-agent.ts) shares the same figure.
/**
 * User agents new to the cache that one request may have fully detected. A full detection
 * of an unknown phone model runs thousands of brand patterns (tens of milliseconds): a bulk
 * of 10,000 distinct user agents would keep the server busy for minutes. Past this many,
 * the rest of the request's new user agents only get the bot check — the part Matomo's
 * verdict depends on (Tracker/VisitExcluded.php, isNonHumanBot) — and no browser, OS or
 * device names.
 */
export const MAX_NEW_DEVICES_PER_REQUEST = 100;

/** What is left of one request's full detections (MAX_NEW_DEVICES_PER_REQUEST). */
export interface DetectionBudget {
  newDevices: number;
}
