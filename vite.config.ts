import { defineConfig } from 'vitest/config';
import type { Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = fileURLToPath(new URL('.', import.meta.url));
const NODE_TEST_DIRS = ['shared', 'electron', 'scripts'];
const CHAOS_TESTS = 'electron/server/chaos/';
/**
 * What in a node test file asks for a process of its own: a mock, spy, fake clock or stubbed
 * global would reach the files after it in a shared module graph, and a stall measure (CPU time
 * per callback) would count another file's garbage being collected. A file that looks into a
 * module's state, which the files before it would have changed, says so in a line comment
 * `// Own process: <why>`.
 */
const NEEDS_OWN_PROCESS =
  /\bvi\.(?:mock|doMock|unmock|doUnmock|hoisted|resetModules|spyOn|useFakeTimers|stubEnv|stubGlobal)\b|\bstartStallMonitor\b|^\/\/ Own process:/m;

/** The node test files run in a process each (project `node-isolated`): stall tests and the above. */
function nodeTestsNeedingOwnProcess(): string[] {
  return NODE_TEST_DIRS.flatMap((dir) =>
    readdirSync(join(projectRoot, dir), { recursive: true, encoding: 'utf8' }).map((file) =>
      `${dir}/${file}`.replaceAll('\\', '/'),
    ),
  ).filter(
    (file) =>
      file.endsWith('.test.ts') &&
      !file.startsWith(CHAOS_TESTS) &&
      (/(?:^|[/.-])stall[^/]*$/.test(file) ||
        NEEDS_OWN_PROCESS.test(readFileSync(join(projectRoot, file), 'utf8'))),
  );
}
const OWN_PROCESS_NODE_TESTS = nodeTestsNeedingOwnProcess();

/**
 * In the renderer, the shared analyser's device detector (shared/matomo/user-agent.ts and
 * its ~3 MB of patterns) is replaced by renderer/requests/device-on-demand.ts, which loads it
 * with a dynamic import on first need: the composer's preview no longer makes the first
 * paint wait for it. Not in tests, which run the analyser as the server does.
 */
function deviceDetectorOnDemand(): Plugin {
  const analyser = fileURLToPath(new URL('./shared/matomo/analyze.ts', import.meta.url));
  const standIn = fileURLToPath(
    new URL('./renderer/requests/device-on-demand.ts', import.meta.url),
  );
  return {
    name: 'hitscope-device-detector-on-demand',
    enforce: 'pre',
    apply: () => !process.env['VITEST'],
    resolveId(source, importer) {
      return source === './user-agent' && importer === analyser ? standIn : null;
    },
  };
}

// The renderer is built into dist/renderer and served by the capture server itself,
// so the UI and its API share one origin (no CORS, one token cookie).
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), deviceDetectorOnDemand()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    // `npm run dev` proxies the API and tracking paths to a running `hitscope serve`, and
    // the sign-in (the one-time `/?code=` link and the `/sign-in` form), whose cookie then
    // rides on the proxied API calls. The API pattern leaves the renderer's own modules
    // under /api/*.ts(x) to Vite.
    proxy: Object.fromEntries(
      [
        '^/api/(?![^?]*\\.tsx?(?:\\?|$))',
        '/matomo.php',
        '/piwik.php',
        '/js/',
        '^/\\?code=',
        '^/sign-in$',
      ].map((path) => [
        path,
        {
          target: process.env.HITSCOPE_DEV_SERVER ?? 'http://127.0.0.1:8765',
          changeOrigin: false,
        },
      ]),
    ),
  },
  test: {
    root: projectRoot,
    // A restarted server answers before its data file is read back, so tests poll for the
    // counts; on a loaded machine that read takes seconds, not the default one.
    expect: { poll: { timeout: 20_000 } },
    // Tests that start servers, read files back or walk a detector's worst case take well under
    // a second alone, and several seconds while two cores are shared with other suites.
    testTimeout: 20_000,
    projects: [
      {
        // The node tests (parsing, storage, the capture server through HTTP) in one module graph
        // per worker: importing the analyser and the server and warming the device detector
        // again for each of ~200 files cost more than their tests. Each file closes the servers
        // and files it opens. The files that would leak into the next (mocks, spies, fake
        // clocks, stubbed globals) or measure stalls run in `node-isolated`, found by reading
        // them (NEEDS_OWN_PROCESS), so a new file lands in the right project by itself.
        extends: true,
        test: {
          name: 'node',
          root: projectRoot,
          include: NODE_TEST_DIRS.map((dir) => `${dir}/**/*.test.ts`),
          exclude: [`${CHAOS_TESTS}**`, ...OWN_PROCESS_NODE_TESTS],
          environment: 'node',
          isolate: false,
        },
      },
      {
        // One process per file, so that no other file's mocks or garbage reach it.
        extends: true,
        test: {
          name: 'node-isolated',
          root: projectRoot,
          include: OWN_PROCESS_NODE_TESTS,
          environment: 'node',
        },
      },
      {
        // Real server processes killed, disks filled, files damaged (`npm run test:chaos`).
        extends: true,
        test: {
          name: 'chaos',
          root: projectRoot,
          include: ['electron/server/chaos/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'dom',
          root: projectRoot,
          include: ['renderer/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          // One jsdom and one module graph for all the files of the worker: building a jsdom
          // and importing React, Testing Library and the store again for each of ~80 files cost
          // more than all their tests. Each file starts on an empty page (the setup file); a
          // test that needs a module fresh (its state unset) imports it after vi.resetModules().
          isolate: false,
          setupFiles: ['renderer/test-support/fresh-document.ts'],
        },
      },
    ],
  },
});
