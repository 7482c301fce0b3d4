// `hitscope check` flags: the plan, where the hits come from (a running server, optionally
// one run of it, or a capture file read offline) and the reports to write.
import { DEFAULT_PORT } from '../../../shared/api/routes';
import { UsageError } from '../cli-args';
import { readFlags } from './flags';

export type HitSource =
  | { kind: 'file'; file: string; sitesFile?: string }
  | { kind: 'server'; server: string; token?: string; run?: string };

export interface CheckCommand {
  command: 'check';
  plan: string;
  source: HitSource;
  /** Where to write a JUnit XML report. */
  junit?: string;
  /** Print the result as JSON instead of text. */
  json: boolean;
}

export const DEFAULT_SERVER = `http://127.0.0.1:${DEFAULT_PORT}`;

export const CHECK_USAGE = `Usage: hitscope check --plan FILE [--file CAPTURE | --server URL [--run ID]] [options]

Checks captured hits against a tracking plan (YAML or JSON): every expectation met, no
forbidden hit, hits in order, the issue threshold kept. Exit code 0 when the plan passes,
1 when it fails, 2 when the check cannot run (bad flags, invalid plan, unreadable file,
server not reachable).

Where the hits come from:
  --file FILE       A capture read offline: an NDJSON export or capture file, or a HAR
                    file; every request is analysed as the capture server would
  --sites FILE      Site profiles (JSON list) for the site-dependent checks (with --file)
  --server URL      A running Hitscope (default: HITSCOPE_URL, else ${DEFAULT_SERVER})
  --token TOKEN     Its API token (default: HITSCOPE_TOKEN)
  --run ID          Only the hits of this run

Reports:
  --junit FILE      Also write a JUnit XML report (one test case per expectation)
  --json            Print the result as JSON instead of text
  --help            Show this help
`;

const VALUE_FLAGS = ['plan', 'file', 'sites', 'server', 'token', 'run', 'junit'];

function serverUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`--server must be an http:// or https:// URL, got "${text}".`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`--server must be an http:// or https:// URL, got "${text}".`);
  }
  return url.origin + url.pathname.replace(/\/+$/, '');
}

/** Parses the arguments after `check`. Throws UsageError. */
export function parseCheckArgs(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
): CheckCommand | { command: 'help'; usage: string } {
  const flags = readFlags(argv, VALUE_FLAGS, ['json']);
  if (flags.help) return { command: 'help', usage: CHECK_USAGE };
  if (flags.positional.length > 0) {
    throw new UsageError(`Unexpected argument "${flags.positional[0]}".`);
  }
  const plan = flags.values.get('plan');
  if (plan === undefined) throw new UsageError('--plan is required: the plan file to check.');
  const file = flags.values.get('file');
  const live = ['server', 'token', 'run'].filter((name) => flags.values.has(name));
  let source: HitSource;
  if (file !== undefined) {
    if (live.length > 0) {
      throw new UsageError(
        `--file reads a capture offline; --${live[0]} is for a running server. Give one or the other.`,
      );
    }
    const sitesFile = flags.values.get('sites');
    source = { kind: 'file', file, ...(sitesFile ? { sitesFile } : {}) };
  } else {
    if (flags.values.has('sites')) {
      throw new UsageError('--sites is for --file: a running server uses its own site profiles.');
    }
    const token = flags.values.get('token') ?? (env.HITSCOPE_TOKEN || undefined);
    const run = flags.values.get('run');
    source = {
      kind: 'server',
      server: serverUrl(flags.values.get('server') ?? (env.HITSCOPE_URL || DEFAULT_SERVER)),
      ...(token ? { token } : {}),
      ...(run ? { run } : {}),
    };
  }
  const junit = flags.values.get('junit');
  return {
    command: 'check',
    plan,
    source,
    ...(junit ? { junit } : {}),
    json: flags.switches.has('json'),
  };
}
