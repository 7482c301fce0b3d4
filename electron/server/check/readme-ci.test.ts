// Every example of the README's plan, `hitscope check` and `hitscope diff` parts is run: the
// plan shown is the example file, each command line shown runs with the exit code it states,
// and the output shown after it is what it prints. The live example runs against a real
// capture server holding the example capture (its URL in place of the default one).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../test-support/plan/cli-run';
import { startTestServer, type TestServer } from '../../../test-support/capture/server-harness';

const SUBSECTIONS = ['The tracking plan', '`hitscope check`', '`hitscope diff`'];

interface Block {
  lang: string;
  text: string;
}

function subsection(readme: string, title: string): string {
  const start = readme.indexOf(`\n### ${title}\n`);
  expect(start, title).toBeGreaterThan(0);
  const rest = readme.slice(start + title.length + 6);
  const end = rest.search(/\n##+ /);
  return end < 0 ? rest : rest.slice(0, end);
}

function blocksOf(text: string): Block[] {
  return [...text.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map((m) => ({
    lang: m[1] as string,
    text: m[2] as string,
  }));
}

const readme = readFileSync('README.md', 'utf8');
const section = readme.slice(readme.indexOf('\n## Testing your tracking in CI\n'));
const blocks = SUBSECTIONS.flatMap((title) => blocksOf(subsection(section, title)));

interface Example {
  command: string;
  exit: number;
  output?: string;
}

const examples: Example[] = blocks.flatMap((block, i) => {
  if (block.lang !== 'sh') return [];
  const next = blocks[i + 1];
  const lines = block.text.split('\n').filter((line) => line.startsWith('hitscope '));
  return lines.map((line, j) => {
    const exit = /#\s*exits (\d)\s*$/.exec(line);
    const last = j === lines.length - 1;
    return {
      command: line.replace(/#.*$/, '').trim(),
      exit: exit ? Number(exit[1]) : 0,
      ...(last && next?.lang === 'text' ? { output: next.text } : {}),
    };
  });
});

describe('README: Testing your tracking in CI', { timeout: 30_000 }, () => {
  let server: TestServer;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hitscope-readme-'));
    server = await startTestServer({ token: 'ci' });
    const answer = await fetch(`${server.url}/api/import`, {
      method: 'POST',
      headers: { authorization: 'Bearer ci', 'content-type': 'application/json' },
      body: JSON.stringify({
        content: readFileSync('examples/video-page.ndjson', 'utf8'),
        name: 'video-page.ndjson',
      }),
    });
    const result = (await answer.json()) as { hits: number };
    expect(result.hits).toBe(5);
  }, 30_000);
  afterAll(async () => {
    await server.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows the example plan file as it is', () => {
    const yaml = blocks.filter((block) => block.lang === 'yaml');
    expect(yaml).toHaveLength(1);
    expect(yaml[0]?.text).toBe(readFileSync('examples/tracking-plan.yml', 'utf8'));
  });

  it('shows commands that all run', () => {
    expect(examples.map((e) => e.command.split(' ').slice(0, 2).join(' '))).toEqual([
      'hitscope check',
      'hitscope check',
      'hitscope check',
      'hitscope diff',
    ]);
  });

  it.each(examples.map((example) => [example.command, example] as const))(
    '%s',
    async (_, example) => {
      const argv = example.command
        .split(/\s+/)
        .slice(1)
        .map((arg) => (arg === 'http://127.0.0.1:8765' ? server.url : arg));
      const junit = argv.indexOf('--junit');
      if (junit >= 0) argv[junit + 1] = join(dir, argv[junit + 1] as string);
      const result = await runCli(argv);
      expect(result.err).toBe('');
      expect(result.code).toBe(example.exit);
      if (example.output !== undefined) expect(result.out).toBe(example.output);
      if (junit >= 0) {
        expect(readFileSync(argv[junit + 1] as string, 'utf8')).toContain(
          '<testcase classname="Tracking plan tracking-plan.yml" name="Video played"',
        );
      }
    },
  );
});
