import { existsSync } from 'node:fs';
import { chromium, type LaunchOptions } from '@playwright/test';

// Flags for a system Chromium on a closed network: without them Chromium keeps trying
// to reach update and sync services and, as root in a container, refuses to start.
const SYSTEM_CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/** Which Chromium to drive: an explicit one, else Playwright's own, else the system one. */
export function chromiumLaunchOptions(): LaunchOptions {
  const explicit = process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE;
  if (explicit) return { executablePath: explicit, args: SYSTEM_CHROMIUM_FLAGS };
  if (bundledChromiumInstalled()) return {};
  return { executablePath: SYSTEM_CHROMIUM, args: SYSTEM_CHROMIUM_FLAGS };
}

function bundledChromiumInstalled(): boolean {
  try {
    return existsSync(chromium.executablePath());
  } catch {
    return false;
  }
}
