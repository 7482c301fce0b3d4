import type { DeviceInfo } from '../../../shared/matomo/types';
import { Highlight } from '../common/highlight';

/** The user agent decoded: browser, OS, device, bot. */
export function DeviceView({ device, userAgent }: { device: DeviceInfo; userAgent: string }) {
  const join = (...parts: (string | null)[]) => parts.filter(Boolean).join(' ') || 'unknown';
  return (
    <section className="device" aria-label="User agent">
      <h3>User agent</h3>
      <dl className="device-facts">
        <dt>Browser</dt>
        <dd>{join(device.browser, device.browserVersion)}</dd>
        <dt>OS</dt>
        <dd>{join(device.os, device.osVersion)}</dd>
        <dt>Device</dt>
        <dd>{join(device.device, device.brand, device.model)}</dd>
        <dt>Bot</dt>
        <dd>{device.bot ? `yes${device.botName ? ` — ${device.botName}` : ''}` : 'no'}</dd>
      </dl>
      <p className="mono ua-string">
        <Highlight text={device.userAgent || userAgent || '(no user agent)'} />
      </p>
    </section>
  );
}
