// What the app knows about the server: the live connection, settings, version and the
// structured log lines received from the stream.
import type { StateCreator } from 'zustand/vanilla';
import type { LogLineDto, SettingsDto } from '../../shared/api/types';
import type { ConnectionState } from '../api/live-stream';
import type { AppState } from './app-state';

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Log lines kept in the pane; older ones are still in the server's log file. */
export const MAX_LOG_LINES = 2_000;

export interface ServerSlice {
  connection: ConnectionState;
  settings: SettingsDto | null;
  version: string | null;
  logLines: LogLineDto[];
  /** Lowest level shown in the log pane. */
  logLevel: LogLevel;
  setConnection(connection: ConnectionState): void;
  setSettings(settings: SettingsDto): void;
  setVersion(version: string): void;
  addLogLines(lines: readonly LogLineDto[]): void;
  clearLog(): void;
  setLogLevel(level: LogLevel): void;
}

export const createServerSlice: StateCreator<AppState, [], [], ServerSlice> = (set, get) => ({
  connection: { status: 'connecting', attempt: 1 },
  settings: null,
  version: null,
  logLines: [],
  logLevel: 'info',
  setConnection(connection) {
    set({ connection });
  },
  setSettings(settings) {
    set({ settings, version: settings.version || get().version });
  },
  setVersion(version) {
    set({ version });
  },
  addLogLines(lines) {
    if (lines.length === 0) return;
    const next = get().logLines.concat(lines);
    set({ logLines: next.length > MAX_LOG_LINES ? next.slice(-MAX_LOG_LINES) : next });
  },
  clearLog() {
    set({ logLines: [] });
  },
  setLogLevel(logLevel) {
    set({ logLevel });
  },
});
