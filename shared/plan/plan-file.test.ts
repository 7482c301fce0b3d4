import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readPlanText } from './plan-file';
import { PlanError } from './plan';

function problemsOf(text: string, name?: string): string[] {
  try {
    readPlanText(text, name);
  } catch (error) {
    if (error instanceof PlanError) return error.problems;
    throw error;
  }
  return [];
}

describe('readPlanText', () => {
  it('reads the example plans, YAML and JSON alike', () => {
    const yaml = readPlanText(readFileSync('examples/tracking-plan.yml', 'utf8'));
    const json = readPlanText(readFileSync('examples/tracking-plan.json', 'utf8'), 'plan.json');
    expect(yaml.expectations.map((e) => e.name)).toEqual([
      'Page view of the video page',
      'Video played',
      'Progress reported',
      'No order from the video page',
    ]);
    expect(yaml.expectations[1]).toEqual(json.expectations[1]);
    expect(yaml.expectations[0]).toEqual(json.expectations[0]);
  });

  it('keeps YAML 1.2 scalars: yes and no stay text, numbers stay numbers', () => {
    const plan = readPlanText(
      'expectations:\n  - name: Consent\n    match: { params: { consent: yes, idsite: 3 } }\n',
    );
    expect(plan.expectations[0]?.match.params).toEqual({ consent: 'yes', idsite: 3 });
  });

  it('names the line of each problem', () => {
    const text = [
      'expectations:',
      '  - name: Play',
      '    match: type:video',
      '  - name: Pause',
      '    match: { type: event }',
      '    count: many',
      '  - name: Stop',
      'unplanned: ignore',
    ].join('\n');
    expect(problemsOf(text)).toEqual([
      'line 7: expectations[2] "Stop".match: is required.',
      'line 8: unplanned: must be one of allow, report, fail.',
    ]);
    expect(problemsOf(text.split('\n').slice(0, 6).join('\n'))).toEqual([
      expect.stringMatching(/^line 3: expectations\[0\] "Play".match: query "type:video": type:/),
      'line 6: expectations[1] "Pause".count: must be one of 1, 0 (forbidden), ">=1", "<=2", ">1", "<3" or "2..5", got "many".',
    ]);
  });

  it('refuses broken YAML and JSON with the place of the error', () => {
    const broken = problemsOf('expectations:\n  - name: a\n  name: b\n    x: [');
    expect(broken.length).toBeGreaterThan(0);
    for (const problem of broken) expect(problem).toMatch(/^line \d+: not valid YAML: /);
    expect(problemsOf('expectations: []\nexpectations: []\n')).toEqual([
      expect.stringMatching(/^line 2: not valid YAML: Map keys must be unique/),
    ]);
    expect(problemsOf('{"expectations": [', 'plan.json')).toEqual([
      expect.stringMatching(/^not valid JSON: /),
    ]);
  });

  it('says to quote a count comparison that YAML would read as a block of text', () => {
    const text = 'expectations:\n  - name: Play\n    match: type:event\n    count: >1\n';
    expect(problemsOf(text)).toEqual([
      "line 4: count: >1 must be quoted in YAML (count: '>1'): a bare > starts a block of text.",
    ]);
    expect(readPlanText(text.replace('>1', "'>1'")).expectations[0]?.count).toBe('>1');
    expect(readPlanText(text.replace('>1', '<=2')).expectations[0]?.count).toBe('<=2');
  });

  it('bounds aliases (a small file cannot expand into a huge plan)', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
      'expectations: [*d, *d, *d, *d, *d, *d, *d, *d, *d]',
    ].join('\n');
    expect(problemsOf(bomb)).toEqual([expect.stringMatching(/alias/i)]);
  });
});
