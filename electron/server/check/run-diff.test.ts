// `hitscope diff` through the CLI's main(): the README's command line on the example
// captures, the JSON and JUnit formats, identical captures and usage errors.
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../test-support/plan/cli-run';

const BASELINE = 'examples/video-page.ndjson';
const RELEASE = 'examples/video-page-release.ndjson';

describe('hitscope diff', { timeout: 30_000 }, () => {
  it('reports what changed between the example captures, as the README shows', async () => {
    const result = await runCli(['diff', BASELINE, RELEASE]);
    expect(result.err).toBe('');
    expect(result.code).toBe(1);
    expect(result.out).toBe(
      [
        `Comparing ${BASELINE} (5 hits) with ${RELEASE} (6 hits)`,
        'Left out: r, rand, h, m, s, pv_id, _id, _idts, _viewts, _idvc, _ects, _refts, cdt, cdo, gt_ms, pf_net, pf_srv, pf_tfr, pf_dm1, pf_dm2, pf_onl',
        '',
        '~ changed  event Video / Progress / Intro #2  (line3.1 → line3.1)',
        '             e_v: "50" → "75"',
        '+ added    event Video / Pause / Intro  (line4.0)',
        '',
        'Different: 1 added, 0 removed, 1 changed, 4 the same.',
        '',
      ].join('\n'),
    );
  });

  it('exits 0 when the captures agree, volatile values aside', async () => {
    const same = await runCli(['diff', BASELINE, BASELINE]);
    expect(same.code).toBe(0);
    expect(same.out).toContain('The same: 0 added, 0 removed, 0 changed, 5 the same.');
    const ignoring = await runCli(['diff', RELEASE, RELEASE, '--ignore', 'e_v,url']);
    expect(ignoring.code).toBe(0);
    expect(ignoring.out).toMatch(/Left out: .*pf_onl, e_v, url\n/);
  });

  it('prints JSON with --format json', async () => {
    const result = await runCli(['diff', BASELINE, RELEASE, '--format', 'json']);
    expect(result.code).toBe(1);
    const json = JSON.parse(result.out) as {
      counts: Record<string, number>;
      entries: { kind: string; label: string; changes: { name: string }[] }[];
    };
    expect(json.counts).toEqual({ added: 1, removed: 0, changed: 1, same: 4 });
    const changed = json.entries.find((e) => e.kind === 'changed');
    expect(changed?.label).toBe('event Video / Progress / Intro #2');
    expect(changed?.changes.map((c) => c.name)).toEqual(['e_v']);
  });

  it('prints JUnit XML with --format junit, one case per hit', async () => {
    const result = await runCli(['diff', BASELINE, RELEASE, '--format', 'junit']);
    expect(result.code).toBe(1);
    expect(result.out).toContain(
      `<testsuite name="Capture ${RELEASE} against ${BASELINE}" tests="6" failures="2"`,
    );
    expect(result.out).toContain('name="event Video / Progress / Intro #2"');
    expect(result.out).toContain('e_v: &quot;50&quot; → &quot;75&quot;');
    expect(result.out).toContain('Unexpected: the current capture has this hit (line4.0)');
  });

  it.each([
    [['diff', BASELINE], /needs two capture files \(baseline, then current\), got 1/],
    [['diff', BASELINE, RELEASE, '--format', 'xml'], /--format must be one of text, json, junit/],
    [['diff', BASELINE, 'missing.ndjson'], /cannot read the capture file missing\.ndjson/],
  ])('exits 2: %j', async (argv, message) => {
    const result = await runCli(argv);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(message);
  });

  it('prints its own help', async () => {
    const result = await runCli(['diff', '--help']);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^Usage: hitscope diff BASELINE CURRENT/);
  });
});
