// The server's defaults when neither a flag nor a saved setting chooses: shared by
// `hitscope serve` (cli-args.ts) and the desktop app (electron/main/main.ts). Kept apart from
// the command-line parser so the desktop app takes them without the CLI's code.
import { totalmem } from 'node:os';
import type { DebugMode, LogLineDto } from '../../shared/api/types';

export const SERVE_DEFAULTS: Readonly<{
  debugMode: DebugMode;
  maxHits: number;
  logLevel: LogLineDto['level'];
}> = {
  debugMode: 'on-demand',
  maxHits: 100_000,
  logLevel: 'info',
};

/**
 * Bytes the in-memory hits may hold unless `--max-memory` says otherwise: a quarter of the
 * machine's memory, at most 1 GiB (well under the JavaScript heap's own limit).
 */
export function defaultMaxMemoryBytes(): number {
  return Math.min(1024 * 1024 * 1024, Math.floor(totalmem() / 4));
}
