// Command-line parsing for `hitscope`. Pure (argv and environment in, a command out) so
// every flag and error message is unit-tested without starting anything.
import { homedir, platform } from 'node:os';
import { join } from 'node:path';
import type { DebugMode, LogLineDto } from '../../shared/api/types';
import { DEFAULT_PORT } from '../../shared/api/routes';
import { isLogLevel } from './logger';
import { SERVE_DEFAULTS } from './serve-defaults';
import { DEBUG_MODES, MAX_HITS_BOUNDS } from './settings-validation';

export class UsageError extends Error {}

export interface ServeCommand {
  command: 'serve';
  port: number;
  host: string;
  dataDir: string;
  /** From --token or HITSCOPE_TOKEN; the server makes a random one when absent. */
  token?: string;
  debugMode: DebugMode;
  maxHits: number;
  /** --max-memory in bytes; the server's default when absent. */
  maxMemoryBytes?: number;
  sitesFile?: string;
  logLevel: LogLineDto['level'];
  /** Flags given on the command line (they win over saved settings). */
  explicit: ('debugMode' | 'maxHits' | 'sites')[];
}

export type CliCommand = { command: 'help' } | { command: 'version' } | ServeCommand;

export const USAGE = `Usage: hitscope serve [options]
       hitscope check --plan FILE [--file CAPTURE | --server URL [--run ID]] [options]
       hitscope diff BASELINE CURRENT [--format text|json|junit]

serve runs the Hitscope capture server: a Matomo-compatible tracking endpoint (matomo.php,
piwik.php) that records, decodes and validates every hit, with the UI and the HTTP API.
check tests captured hits against a tracking plan; diff compares two captures
("hitscope check --help" and "hitscope diff --help" list their options).

Options:
  --port N             Port to listen on (default ${DEFAULT_PORT}; 0 picks a free one)
  --host ADDRESS       Address to listen on (default 127.0.0.1; 0.0.0.0 opens the
                       tracking endpoint to the network, the UI and API stay local)
  --data-dir DIR       Where hits, settings and the log are kept
                       (default: a "hitscope" folder in the user data directory)
  --token TOKEN        Token for the UI and API (default: HITSCOPE_TOKEN, else random)
  --debug MODE         off | on-demand | always: when requests get the processing log
                       as their answer (on-demand: requests with debug=1; default)
  --max-hits N         Hits kept in memory (default ${SERVE_DEFAULTS.maxHits}; all stay on disk)
  --max-memory MIB     Memory the hits kept in memory may use, in MiB (default: a quarter
                       of the machine's memory, at most 1024); older ones stay on disk
  --sites FILE         Site profiles (JSON list) for the site-dependent checks
  --log-level LEVEL    trace | debug | info | warn | error | fatal (default ${SERVE_DEFAULTS.logLevel})
  --help               Show this help
  --version            Show the version
`;

/** The per-user data folder: XDG on Linux, the platform's application data elsewhere. */
export function defaultDataDir(env: NodeJS.ProcessEnv, os = platform(), home = homedir()): string {
  if (os === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), 'hitscope');
  if (os === 'darwin') return join(home, 'Library', 'Application Support', 'hitscope');
  return join(env.XDG_DATA_HOME || join(home, '.local', 'share'), 'hitscope');
}

const VALUE_FLAGS = [
  'port',
  'host',
  'data-dir',
  'token',
  'debug',
  'max-hits',
  'max-memory',
  'sites',
  'log-level',
];

function integer(flag: string, text: string, min: number, max: number): number {
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new UsageError(`--${flag} must be an integer from ${min} to ${max}, got "${text}".`);
  }
  return Number(text);
}

export function parseArgs(argv: readonly string[], env: NodeJS.ProcessEnv): CliCommand {
  const values = new Map<string, string>();
  let command: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--help' || arg === '-h') return { command: 'help' };
    if (arg === '--version' || arg === '-v') return { command: 'version' };
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
      if (!VALUE_FLAGS.includes(name)) throw new UsageError(`Unknown option --${name}.`);
      let value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || (eq < 0 && value.startsWith('--'))) {
        throw new UsageError(`--${name} needs a value.`);
      }
      value = value.trim();
      if (values.has(name)) throw new UsageError(`--${name} is given twice.`);
      values.set(name, value);
    } else if (command === undefined) {
      command = arg;
    } else {
      throw new UsageError(`Unexpected argument "${arg}".`);
    }
  }
  if (command === undefined) throw new UsageError('Missing the command: hitscope serve [options].');
  if (command !== 'serve')
    throw new UsageError(`Unknown command "${command}"; the commands are serve, check and diff.`);

  const explicit: ServeCommand['explicit'] = [];
  const debug = values.get('debug') ?? SERVE_DEFAULTS.debugMode;
  if (!(DEBUG_MODES as readonly string[]).includes(debug)) {
    throw new UsageError(`--debug must be one of ${DEBUG_MODES.join(', ')}, got "${debug}".`);
  }
  if (values.has('debug')) explicit.push('debugMode');
  const logLevel = values.get('log-level') ?? SERVE_DEFAULTS.logLevel;
  if (!isLogLevel(logLevel)) {
    throw new UsageError(
      `--log-level must be one of trace, debug, info, warn, error, fatal, got "${logLevel}".`,
    );
  }
  const maxHitsText = values.get('max-hits');
  if (maxHitsText !== undefined) explicit.push('maxHits');
  const token = values.get('token') ?? (env.HITSCOPE_TOKEN || undefined);
  if (token !== undefined && !/^[\x21-\x7e]{1,512}$/.test(token)) {
    throw new UsageError('The token must be 1 to 512 printable characters without spaces.');
  }
  const host = values.get('host') ?? '127.0.0.1';
  if (host === '') throw new UsageError('--host must not be empty.');
  const dataDir = values.get('data-dir') ?? defaultDataDir(env);
  if (dataDir === '') throw new UsageError('--data-dir must not be empty.');
  const sitesFile = values.get('sites');
  if (sitesFile !== undefined) explicit.push('sites');
  return {
    command: 'serve',
    port: values.has('port')
      ? integer('port', values.get('port') as string, 0, 65535)
      : DEFAULT_PORT,
    host,
    dataDir,
    ...(token !== undefined && token !== '' ? { token } : {}),
    debugMode: debug as DebugMode,
    maxHits:
      maxHitsText === undefined
        ? SERVE_DEFAULTS.maxHits
        : integer('max-hits', maxHitsText, MAX_HITS_BOUNDS[0], MAX_HITS_BOUNDS[1]),
    ...(sitesFile ? { sitesFile } : {}),
    ...(values.has('max-memory')
      ? {
          maxMemoryBytes:
            integer('max-memory', values.get('max-memory') as string, 16, 1024 * 1024) *
            1024 *
            1024,
        }
      : {}),
    logLevel,
    explicit,
  };
}
