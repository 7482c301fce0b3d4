// The README's Playwright helper example and CI job are real files run by the test suite:
// the README must show them exactly as they are.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');

/** The fenced blocks of a section of the README, by language. */
function blocksAfter(heading: string, lang: string): string[] {
  const readme = read('README.md');
  const start = readme.indexOf(`\n${heading}\n`);
  expect(start, `README section "${heading}"`).toBeGreaterThan(-1);
  const rest = readme.slice(start + heading.length + 2);
  const end = rest.search(/\n#{1,3} /);
  const section = end < 0 ? rest : rest.slice(0, end);
  const fence = new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g');
  return [...section.matchAll(fence)].map((match) => match[1] as string);
}

describe('README examples', () => {
  it('shows the Playwright helper example exactly as e2e/tracking/readme-example.spec.ts', () => {
    expect(blocksAfter('### The Playwright helper', 'ts')).toEqual([
      read('e2e/tracking/readme-example.spec.ts'),
    ]);
  });

  it('shows the CI job exactly as e2e/tracking/ci-job.example.yml, a job that runs Playwright', () => {
    const text = read('e2e/tracking/ci-job.example.yml');
    expect(blocksAfter('### A CI job', 'yaml')).toEqual([text]);
    const job = parse(text) as { jobs: Record<string, { steps: { run?: string }[] }> };
    const runs = Object.values(job.jobs).flatMap((j) => j.steps.map((step) => step.run));
    expect(runs).toContain('npx playwright test');
  });

  it('the example spec imports the helper through the package export', () => {
    const pkg = JSON.parse(read('package.json')) as { exports: Record<string, unknown> };
    expect(Object.keys(pkg.exports)).toContain('./playwright');
    expect(read('e2e/tracking/readme-example.spec.ts')).toContain(
      "import { test, expect } from 'hitscope/playwright';",
    );
  });
});
