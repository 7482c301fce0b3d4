// Whether the preview's device detector has loaded (renderer/requests/device-on-demand.ts):
// components that analyse drafts list it among their memo inputs, so the verdict is computed
// again with device details (bots included) once the detector arrives.
import { useEffect, useSyncExternalStore } from 'react';
import {
  deviceDetectorReady,
  loadDeviceDetector,
  subscribeDeviceDetector,
} from './device-on-demand';

export function useDeviceDetectorReady(): boolean {
  useEffect(() => {
    void loadDeviceDetector();
  }, []);
  return useSyncExternalStore(subscribeDeviceDetector, deviceDetectorReady);
}
