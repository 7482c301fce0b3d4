// `hitscope check` end to end through the CLI's main(): the example plan against the example
// capture (the README's command line), a failing capture with its nearest misses in text,
// JSON and JUnit, usage errors, and a live server read over its API.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  startTestServer,
  TEST_TOKEN,
  type TestServer,
} from '../../../test-support/capture/server-harness';
import { runCli } from '../../../test-support/plan/cli-run';

const PLAN = 'examples/tracking-plan.yml';
const CAPTURE = 'examples/video-page.ndjson';
/** The same page without the play event, with a progress out of range and an order. */
const BROKEN = 'examples/video-page-broken.ndjson';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hitscope-check-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const run = runCli;

describe('hitscope check --file', { timeout: 30_000 }, () => {
  it('passes the example plan on the example capture, as the README shows', async () => {
    const result = await run(['check', '--plan', PLAN, '--file', CAPTURE]);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toBe(
      [
        `Checking ${PLAN} against ${CAPTURE}`,
        '',
        'PASS  Page view of the video page',
        '      1 matching hit, expected exactly 1.',
        '',
        'PASS  Video played',
        '      1 matching hit, expected at least 1.',
        '',
        'PASS  Progress reported',
        '      2 matching hits, expected at least 2.',
        '',
        'PASS  No order from the video page',
        '      0 matching hits, expected none.',
        '',
        'PASS  Issues: no warnings or errors',
        '      No hit has one.',
        '',
        'NOTE  Unplanned hits',
        '      1 hit matches no expectation: line4.0 (ping).',
        '',
        'PASS  all 4 expectations met, 5 hits checked.',
        '',
      ].join('\n'),
    );
  });

  it('fails with the nearest misses and exit code 1', async () => {
    const result = await run(['check', '--plan', PLAN, '--file', BROKEN]);
    expect(result.code).toBe(1);
    expect(result.out).toContain(
      [
        'FAIL  Video played',
        '      0 matching hits, expected at least 1.',
        '      Nearest misses:',
        '        hit line2.1 (event "Video › Progress › Intro = 150"): 2 of 3 terms match',
        '          e_a: expected to contain "Play", got "Progress"',
        '        hit line2.0 (event "Video › Progress › Intro = 25"): 2 of 3 terms match',
        '          e_a: expected to contain "Play", got "Progress"',
        '',
        'FAIL  Progress reported',
        '      1 matching hit, expected at least 2.',
        '      Nearest miss:',
        '        hit line2.1 (event "Video › Progress › Intro = 150"): 3 of 4 terms match',
        '          e_v: expected from 0 to 100, got 150',
      ].join('\n'),
    );
    expect(result.out).toContain(
      'FAIL  No order from the video page\n      1 forbidden hit received: line4.0 (ecommerce_order).',
    );
    expect(result.out.endsWith('\nFAIL  3 of 4 expectations not met, 5 hits checked.\n')).toBe(
      true,
    );
  });

  it('writes a JUnit report with one test case per expectation', async () => {
    const junit = join(dir, 'report.xml');
    const argv = ['check', '--plan', PLAN, '--file', BROKEN, '--junit', junit];
    const result = await run(argv);
    expect(result.code).toBe(1);
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>/);
    expect(xml).toContain(
      '<testsuite name="Tracking plan tracking-plan.yml" tests="6" failures="3"',
    );
    expect(xml).toContain('e_a: expected to contain &quot;Play&quot;, got &quot;Progress&quot;');
  });

  it('prints the result as JSON with --json', async () => {
    const result = await run(['check', '--plan', PLAN, '--file', BROKEN, '--json']);
    expect(result.code).toBe(1);
    const json = JSON.parse(result.out) as {
      status: string;
      plan: string;
      expectations: { name: string; status: string; nearestMisses: { hitId: string }[] }[];
    };
    expect(json.status).toBe('fail');
    expect(json.plan).toBe(PLAN);
    expect(json.expectations.map((e) => e.status)).toEqual(['pass', 'fail', 'fail', 'fail']);
    expect(json.expectations[1]?.nearestMisses[0]?.hitId).toBe('line2.1');
  });

  it('reads HAR files and JSON plans too', async () => {
    const har = {
      log: {
        version: '1.2',
        creator: { name: 'test', version: '1' },
        entries: readFileSync(CAPTURE, 'utf8')
          .trim()
          .split('\n')
          .map(
            (line) =>
              JSON.parse(line) as {
                method: string;
                url?: string;
                path?: string;
                body?: string;
                headers: Record<string, string>;
                ts: string;
              },
          )
          .map((request) => ({
            startedDateTime: request.ts,
            time: 1,
            request: {
              method: request.method,
              url: `http://127.0.0.1:8765${request.url ?? request.path}`,
              httpVersion: 'HTTP/1.1',
              headers: Object.entries(request.headers).map(([name, value]) => ({ name, value })),
              queryString: [],
              cookies: [],
              headersSize: -1,
              bodySize: request.body?.length ?? 0,
              ...(request.body
                ? {
                    postData: {
                      mimeType: request.headers['content-type'] ?? '',
                      text: request.body,
                    },
                  }
                : {}),
            },
            response: {
              status: 204,
              statusText: 'No Content',
              httpVersion: 'HTTP/1.1',
              headers: [],
              cookies: [],
              content: { size: 0, mimeType: '' },
              redirectURL: '',
              headersSize: -1,
              bodySize: 0,
            },
            cache: {},
            timings: { send: 0, wait: 1, receive: 0 },
          })),
      },
    };
    const file = join(dir, 'page.har');
    writeFileSync(file, JSON.stringify(har));
    const result = await run(['check', '--plan', 'examples/tracking-plan.json', '--file', file]);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toContain('PASS  all 3 expectations met, 5 hits checked.');
    expect(result.out).toContain(
      '3 hits match no expectation: entry3.0 (event), entry3.1 (event), entry4.0 (ping).',
    );
  });
});

describe('hitscope check usage errors (exit 2)', { timeout: 30_000 }, () => {
  it.each([
    [['check', '--file', CAPTURE], /--plan is required/],
    [
      ['check', '--plan', PLAN, '--file', CAPTURE, '--run', 'r1'],
      /--file reads a capture offline; --run is for a running server/,
    ],
    [['check', '--plan', PLAN, '--sites', 'sites.json'], /--sites is for --file/],
    [['check', '--plan', PLAN, '--server', 'ftp://x'], /--server must be an http/],
    [['check', '--plan', PLAN, '--colour'], /Unknown option --colour/],
    [['check', '--plan', PLAN, 'extra'], /Unexpected argument "extra"/],
  ])('%j', async (argv, message) => {
    const result = await run(argv);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(message);
    expect(result.err).toContain('Run "hitscope check --help" for the options.');
  });

  it('says where an invalid plan is wrong', async () => {
    const plan = join(dir, 'plan.yml');
    writeFileSync(plan, 'expectations:\n  - name: Play\n    match: type:video\n');
    const result = await run(['check', '--plan', plan, '--file', CAPTURE]);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(
      /^hitscope check: .*plan\.yml: Invalid plan: line 3: expectations\[0\] "Play"\.match: query "type:video": type: "video" is not one of/,
    );
  });

  it('refuses a file it cannot read or that is no capture', async () => {
    const missing = await run(['check', '--plan', PLAN, '--file', join(dir, 'none.ndjson')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/cannot read the capture file .*none\.ndjson/);
    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'hello\n');
    const notCapture = await run(['check', '--plan', PLAN, '--file', text]);
    expect(notCapture.code).toBe(2);
    expect(notCapture.err).toMatch(/notes\.txt: This file is neither NDJSON nor HAR/);
  });

  it('prints its own help', async () => {
    const result = await run(['check', '--help']);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^Usage: hitscope check --plan FILE/);
  });
});

describe('hitscope check --server', { timeout: 30_000 }, () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    for (const line of readFileSync(CAPTURE, 'utf8').trim().split('\n')) {
      const request = JSON.parse(line) as {
        method: string;
        url?: string;
        path?: string;
        body?: string;
        headers: Record<string, string>;
      };
      const answer = await server.send(request.method, request.url ?? request.path ?? '/', {
        ...(request.body ? { body: request.body } : {}),
        headers: { ...request.headers, host: new URL(server.url).host },
      });
      expect(answer.status).toBeLessThan(300);
    }
  }, 30_000);
  afterAll(() => server.dispose());

  it('checks the hits of a running server with its token', async () => {
    const result = await run(['check', '--plan', PLAN, '--server', server.url], {
      HITSCOPE_TOKEN: TEST_TOKEN,
    });
    expect(result.err).toBe('');
    expect(result.out).toContain(`against ${server.url}\n`);
    expect(result.out).toContain('PASS  all 4 expectations met, 5 hits checked.');
    expect(result.code).toBe(0);
  });

  it('fails on the same plan made stricter', async () => {
    const plan = join(dir, 'strict.yml');
    writeFileSync(
      plan,
      'expectations:\n  - name: Three plays\n    match: { type: event, params: { e_a: Play } }\n    count: 3\n',
    );
    const result = await run([
      'check',
      '--plan',
      plan,
      '--server',
      server.url,
      '--token',
      TEST_TOKEN,
    ]);
    expect(result.code).toBe(1);
    expect(result.out).toContain('1 matching hit, expected exactly 3.');
  });

  it('exits 2 when the token is refused or the server is not there', async () => {
    const refused = await run([
      'check',
      '--plan',
      PLAN,
      '--server',
      server.url,
      '--token',
      'wrong',
    ]);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/refused the token: give it with --token or HITSCOPE_TOKEN/);
    const gone = await run(['check', '--plan', PLAN, '--server', 'http://127.0.0.1:9']);
    expect(gone.code).toBe(2);
    expect(gone.err).toMatch(/cannot reach Hitscope at http:\/\/127\.0\.0\.1:9/);
  });
});
