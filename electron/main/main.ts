// Entry point of the desktop app (bundled to dist/electron/main.cjs, package.json "main").
import { startCaptureServer } from '../server/server';
import { SERVE_DEFAULTS } from '../server/serve-defaults';
import { DEFAULT_LIMITS } from '../server/settings-validation';
import { failStartup, runDesktopApp } from './desktop-app';

runDesktopApp({
  startServer: startCaptureServer,
  serverDefaults: {
    // The same defaults as `hitscope serve`; settings saved from the UI override them.
    ...SERVE_DEFAULTS,
    logToStderr: false,
    limits: DEFAULT_LIMITS,
  },
  env: process.env,
}).catch(failStartup);
