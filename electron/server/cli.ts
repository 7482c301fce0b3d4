// `hitscope serve`: the capture server without the desktop app. Prints the addresses in a
// fixed format (scripts and end-to-end tests read them), runs until SIGINT/SIGTERM, then
// flushes storage and exits 0. Bad flags exit 2 with a message; a server that cannot start
// (port taken, data dir not writable) exits 1.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs, UsageError, USAGE, type ServeCommand } from './cli-args';
import { parseCheckArgs } from './check/check-args';
import { runCheck } from './check/run-check';
import { parseDiffArgs } from './check/diff-args';
import { runDiff } from './check/run-diff';
import type { CaptureServer } from './contracts';
import { startCaptureServer } from './server';
import { readSitesFile } from './settings-store';
import type { SettingsError } from './settings-validation';
import { DEFAULT_LIMITS } from './settings-validation';
import { VERSION } from './version';

export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  env: NodeJS.ProcessEnv;
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM by default). */
  stopSignal?: Promise<string>;
}

const defaultIo = (): CliIo => ({
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});

/** The built UI next to the bundled CLI (dist/server/cli.mjs → dist/renderer/). */
function builtUiDir(): string | undefined {
  try {
    const dir = fileURLToPath(new URL('../renderer/', import.meta.url));
    return existsSync(dir) ? dir : undefined;
  } catch {
    return undefined;
  }
}

function startBanner(server: CaptureServer): string {
  return [
    `Hitscope ${VERSION} capture server`,
    `  Tracker: ${server.trackerUrl}`,
    `  UI:      ${server.uiUrl}`,
    `  API:     ${server.url}/api/  (Authorization: Bearer ${server.token})`,
    `  Data:    ${server.dataDir}`,
    '',
  ].join('\n');
}

function signals(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: string) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

async function serve(command: ServeCommand, io: CliIo): Promise<number> {
  let sites;
  try {
    sites = command.sitesFile ? readSitesFile(command.sitesFile) : undefined;
  } catch (error) {
    io.stderr.write(`hitscope: ${(error as SettingsError).message}\n`);
    return 2;
  }
  const stopSignal = io.stopSignal ?? signals();
  let server: CaptureServer;
  try {
    server = await startCaptureServer({
      port: command.port,
      host: command.host,
      dataDir: command.dataDir,
      token: command.token ?? randomBytes(18).toString('base64url'),
      debugMode: command.debugMode,
      maxHits: command.maxHits,
      ...(command.maxMemoryBytes ? { maxMemoryBytes: command.maxMemoryBytes } : {}),
      logLevel: command.logLevel,
      logToStderr: true,
      limits: DEFAULT_LIMITS,
      explicit: command.explicit,
      ...(sites ? { sites } : {}),
      ...(builtUiDir() ? { uiDir: builtUiDir() } : {}),
    });
  } catch (error) {
    const err = error as NodeJS.ErrnoException;
    const reason =
      err.code === 'EADDRINUSE'
        ? `port ${command.port} on ${command.host} is already in use (choose another with --port, or --port 0)`
        : err.code === 'EACCES' || err.code === 'EPERM'
          ? `permission denied (${err.message})`
          : err.message;
    io.stderr.write(`hitscope: the server could not start: ${reason}\n`);
    return 1;
  }
  io.stdout.write(startBanner(server));
  const signal = await stopSignal;
  io.stderr.write(`hitscope: ${signal} received, saving and stopping…\n`);
  await server.close();
  return 0;
}

function parseCommand(argv: string[], env: NodeJS.ProcessEnv) {
  if (argv[0] === 'check') return parseCheckArgs(argv.slice(1), env);
  if (argv[0] === 'diff') return parseDiffArgs(argv.slice(1));
  return parseArgs(argv, env);
}

export async function main(argv: string[], io: CliIo = defaultIo()): Promise<number> {
  let command;
  try {
    command = parseCommand(argv, io.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    const own = argv[0] === 'check' || argv[0] === 'diff';
    const help = own ? `hitscope ${argv[0]} --help` : 'hitscope --help';
    io.stderr.write(`hitscope: ${error.message}\nRun "${help}" for the options.\n`);
    return 2;
  }
  if (command.command === 'help') {
    io.stdout.write((command as { usage?: string }).usage ?? USAGE);
    return 0;
  }
  if (command.command === 'check') return runCheck(command, io);
  if (command.command === 'diff') return runDiff(command, io);
  if (command.command === 'version') {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  return serve(command, io);
}
