// The renderer build gives the shared analyser an on-demand device detector, so the ~3 MB
// of detector patterns leave the first bundle (vite.config.ts, deviceDetectorOnDemand).
import type { Plugin } from 'vite';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import config from '../vite.config';

const path = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

function onDemandPlugin(): Plugin {
  const plugins = (config.plugins ?? []).flat() as Plugin[];
  const plugin = plugins.find((p) => p?.name === 'hitscope-device-detector-on-demand');
  if (!plugin) throw new Error('the renderer build has no on-demand device detector');
  return plugin;
}

describe('renderer bundle: device detector on demand', () => {
  it('resolves the analyser’s detector import to the on-demand stand-in', () => {
    const resolve = onDemandPlugin().resolveId as (source: string, importer?: string) => unknown;
    expect(resolve('./user-agent', path('../shared/matomo/analyze.ts'))).toBe(
      path('../renderer/requests/device-on-demand.ts'),
    );
    // The stand-in's own dynamic import, and every other importer, get the real detector.
    expect(
      resolve('../../shared/matomo/user-agent', path('../renderer/requests/device-on-demand.ts')),
    ).toBeNull();
    expect(resolve('./user-agent', path('../shared/matomo/index.ts'))).toBeNull();
  });
});
