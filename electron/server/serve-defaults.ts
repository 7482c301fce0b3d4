// The server's defaults when neither a flag nor a saved setting chooses: shared by
// `hitscope serve` (cli-args.ts) and the desktop app (electron/main/main.ts). Kept apart from
// the command-line parser so the desktop app takes them without the CLI's code.
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
