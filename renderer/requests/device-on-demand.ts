// The device detector of the composer's live preview, loaded on first need. The detector is
// most of the renderer's code (~3 MB of patterns); the preview's analyser
// (shared/matomo/analyze.ts) gets this module in place of shared/matomo/user-agent.ts in the
// renderer build (vite.config.ts), so the first paint does not wait for it. Until the real
// detector has loaded, a hit's device is unknown (not a bot): the verdict is shown without
// device details and computed again, by whoever subscribed, once it is there.
import type { DetectionBudget } from '../../shared/matomo/detection-budget';
import { unknownDevice, userAgentOf } from '../../shared/matomo/device-unknown';
import type { DeviceInfo, ParamValue } from '../../shared/matomo/types';
import type * as UserAgent from '../../shared/matomo/user-agent';

type Detector = typeof UserAgent;

export { MAX_NEW_DEVICES_PER_REQUEST } from '../../shared/matomo/detection-budget';

let detector: Detector | null = null;
let loading: Promise<void> | null = null;
const listeners = new Set<() => void>();

/** Starts loading the detector (once); settles when it is ready. */
export function loadDeviceDetector(): Promise<void> {
  loading ??= import('../../shared/matomo/user-agent').then((module) => {
    detector = module;
    for (const listener of listeners) listener();
  });
  return loading;
}

/** Whether devices are detected yet. */
export function deviceDetectorReady(): boolean {
  return detector !== null;
}

/** Calls `listener` once the detector has loaded; returns the unsubscribe. */
export function subscribeDeviceDetector(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The device of a hit, or an unknown one (and the detector starts loading) until it loads. */
export function detectDevice(
  headers: Record<string, string>,
  params: Record<string, ParamValue>,
  budget?: DetectionBudget,
): DeviceInfo {
  const known = deviceOrDetection(headers, params, budget);
  return typeof known === 'function' ? known() : known;
}

/** The detector's deviceOrDetection once it has loaded; until then an unknown device. */
export function deviceOrDetection(
  headers: Record<string, string>,
  params: Record<string, ParamValue>,
  budget?: DetectionBudget,
): DeviceInfo | (() => DeviceInfo) {
  if (detector !== null) return detector.deviceOrDetection(headers, params, budget);
  void loadDeviceDetector();
  return unknownDevice(userAgentOf(headers, params));
}
