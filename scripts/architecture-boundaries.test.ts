// The import boundaries of docs/architecture.md#layers are enforced twice: by the TypeScript project
// of each environment (no Node types in shared/ and renderer/, no DOM in shared/) and by lint
// rules. These tests feed small probe files to both and expect them to be refused.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const probes = mkdtempSync(join(tmpdir(), 'hitscope-boundaries-'));
afterAll(() => rmSync(probes, { recursive: true, force: true }));

/** Type checks one probe file with the compiler options of one environment's project. */
async function typecheck(project: string, source: string): Promise<string> {
  const dir = mkdtempSync(join(probes, 'p-'));
  writeFileSync(join(dir, 'probe.ts'), source);
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      extends: join(root, project),
      compilerOptions: {
        composite: false,
        noEmit: true,
        emitDeclarationOnly: false,
        rootDir: dir,
        // The probe lives outside the checkout: find the project's type packages explicitly.
        typeRoots: [join(root, 'node_modules', '@types')],
      },
      files: [join(dir, 'probe.ts')],
      include: [],
    }),
  );
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  try {
    await promisify(execFile)(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json')]);
    return '';
  } catch (error) {
    return String((error as { stdout?: string }).stdout ?? error);
  }
}

describe('TypeScript projects per environment', () => {
  const nodeImport = "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n";
  const domUse = 'export const here = window.location;\n';
  // Five compiler runs of seconds each, independent of one another: started together, they
  // take the cores the test runner leaves idle instead of running one after another.
  const out = {} as Record<
    'nodeInRenderer' | 'domInShared' | 'bufferInShared' | 'nodeInElectron' | 'domInRenderer',
    string
  >;
  beforeAll(async () => {
    const [nodeInRenderer, domInShared, bufferInShared, nodeInElectron, domInRenderer] =
      await Promise.all([
        typecheck('tsconfig.renderer.json', nodeImport),
        typecheck('tsconfig.shared.json', domUse),
        typecheck('tsconfig.shared.json', "export const b = Buffer.from('x');\n"),
        typecheck('tsconfig.electron.json', nodeImport),
        typecheck('tsconfig.renderer.json', domUse),
      ]);
    Object.assign(out, {
      nodeInRenderer,
      domInShared,
      bufferInShared,
      nodeInElectron,
      domInRenderer,
    });
  }, 120_000);

  it('refuse Node built-ins in the renderer', () => {
    expect(out.nodeInRenderer).toContain("Cannot find name 'node:fs'");
  });

  it('refuse the DOM in shared/', () => {
    expect(out.domInShared).toContain("Cannot find name 'window'");
  });

  it('refuse Node globals in shared/', () => {
    expect(out.bufferInShared).toContain("Cannot find name 'Buffer'");
  });

  it('accept the same code where it belongs', () => {
    expect(out.nodeInElectron).toBe('');
    expect(out.domInRenderer).toBe('');
  });
});

describe('lint rules on imports', () => {
  const eslint = new ESLint({ cwd: root });
  const restricted = async (file: string, source: string) => {
    const [result] = await eslint.lintText(source, { filePath: join(root, file) });
    return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').length;
  };
  // The first lint loads the configuration and its plugins: seconds on a busy machine.
  beforeAll(() => restricted('shared/matomo/probe.ts', ''), 60_000);

  it('forbid Node, React and electron in shared/', async () => {
    expect(await restricted('shared/matomo/probe.ts', "import 'node:fs';\n")).toBe(1);
    expect(await restricted('shared/matomo/probe.ts', "import 'react';\n")).toBe(1);
    expect(await restricted('shared/matomo/probe.ts', "import 'electron';\n")).toBe(1);
    expect(await restricted('shared/matomo/probe.ts', "import './types';\n")).toBe(0);
  });

  it("forbid 'electron' in electron/server", async () => {
    expect(await restricted('electron/server/probe.ts', "import 'electron';\n")).toBe(1);
    expect(await restricted('electron/server/probe.ts', "import 'node:http';\n")).toBe(0);
  });

  it('forbid Node and electron in the renderer', async () => {
    expect(await restricted('renderer/probe.ts', "import 'node:path';\n")).toBe(1);
    expect(await restricted('renderer/probe.ts', "import 'electron';\n")).toBe(1);
  });

  it('forbid a feature importing a feature that comes after it (no cycles)', async () => {
    // composer ↔ bulk-builder and composer ↔ history were cycles; the bulk builder may reuse
    // composer widgets, never the other way round.
    const composer = 'renderer/features/composer/probe.tsx';
    expect(await restricted(composer, "import '../bulk-builder/bulk-view';\n")).toBe(1);
    expect(await restricted(composer, "import '../history/history-view';\n")).toBe(1);
    expect(await restricted(composer, "import '../hits-table/hits-view';\n")).toBe(1);
    expect(await restricted(composer, "import '../common/dialog';\n")).toBe(0);
    expect(await restricted(composer, "import '../../requests/draft';\n")).toBe(0);
    const bulk = 'renderer/features/bulk-builder/model/probe.ts';
    expect(await restricted(bulk, "import '../../composer/target-picker';\n")).toBe(0);
    expect(await restricted(bulk, "import '../../history/history-view';\n")).toBe(1);
    expect(
      await restricted('renderer/features/layout/probe.tsx', "import '../composer/x';\n"),
    ).toBe(0);
  });

  it('forbid the plan panel and the filters importing each other the wrong way', async () => {
    // The filter bar shows the plan of the chosen run: filters may import plan, never back.
    const plan = 'renderer/features/plan/probe.tsx';
    expect(await restricted(plan, "import '../filters/filter-bar';\n")).toBe(1);
    expect(await restricted(plan, "import '../hits-table/hits-view';\n")).toBe(1);
    expect(await restricted(plan, "import '../hit-inspector/inspector';\n")).toBe(1);
    expect(await restricted(plan, "import '../common/dialog';\n")).toBe(0);
    const filters = 'renderer/features/filters/probe.tsx';
    expect(await restricted(filters, "import '../plan/plan-panel';\n")).toBe(0);
  });

  it('rank every feature folder, so none escapes the direction rule', async () => {
    // An unranked feature has no rule at all: a probe of each imports `layout`, which comes last.
    const features = readdirSync(join(root, 'renderer', 'features'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && entry.name !== 'layout')
      .map((entry) => entry.name);
    expect(features).toContain('plan');
    for (const feature of features) {
      const probe = `renderer/features/${feature}/probe.tsx`;
      expect({
        feature,
        refused: await restricted(probe, "import '../layout/app-layout';\n"),
      }).toEqual({
        feature,
        refused: 1,
      });
    }
  });

  it('forbid store/, lib/, api/ and requests/ importing a feature', async () => {
    for (const dir of ['store', 'lib', 'api', 'requests']) {
      const file = `renderer/${dir}/probe.ts`;
      expect(await restricted(file, "import '../features/hits-table/hit-sort';\n")).toBe(1);
      expect(await restricted(file, "import '../features';\n")).toBe(1);
      expect(await restricted(file, "import '../lib/hit-row';\n")).toBe(0);
    }
  });

  it('keep the Node and electron ban on files the direction rules cover', async () => {
    expect(await restricted('renderer/features/composer/probe.ts', "import 'node:fs';\n")).toBe(1);
    expect(await restricted('renderer/requests/probe.ts', "import 'electron';\n")).toBe(1);
  });
});
