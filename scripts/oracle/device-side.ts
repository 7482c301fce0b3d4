// Hitscope's reading of user agents for the device oracle (devices.mjs), from the same
// detection the capture server runs; each answer has the shape device-detector-side.php prints.
import { detectDevice } from '../../shared/matomo/user-agent';

export interface DeviceAnswer {
  bot: boolean;
  botName: string | null;
  client: string | null;
  os: string | null;
  device: string | null;
}

export function deviceAnswer(userAgent: string): DeviceAnswer {
  const info = detectDevice({ 'user-agent': userAgent }, {});
  return {
    bot: info.bot,
    botName: info.botName,
    client: info.browser,
    os: info.os,
    device: info.device,
  };
}
