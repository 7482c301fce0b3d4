// The device of a hit before (or without) user-agent analysis, and the user agent it is
// detected from. Kept apart from the detector (user-agent.ts, megabytes of patterns) so that
// the renderer can show a verdict while it loads the detector on demand.
import { headerText } from './header-text';
import type { DeviceInfo, ParamValue } from './types';

/** The user agent of a hit: `ua` overrides the header (core/Tracker/Request.php lines 634–643). */
export function userAgentOf(
  headers: Record<string, string>,
  params: Record<string, ParamValue>,
): string {
  const uaParam = Object.hasOwn(params, 'ua') ? params['ua'] : undefined;
  return typeof uaParam === 'string' && uaParam !== ''
    ? uaParam
    : headerText(headers, 'user-agent');
}

/** A device nobody could detect: what a hit shows without (or before) user-agent analysis. */
export function unknownDevice(userAgent: string): DeviceInfo {
  return {
    userAgent,
    browser: null,
    browserVersion: null,
    os: null,
    osVersion: null,
    device: null,
    brand: null,
    model: null,
    bot: false,
    botName: null,
  };
}
