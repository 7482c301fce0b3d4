// Structured server log (pino): one JSON line per event, fanned out to a log file in the
// data dir, to stderr in serve mode (as short readable lines), and to live subscribers
// (the UI's log panel). Everything runs on the main thread: no worker-thread transports,
// so the bundled CLI and the desktop app need no extra files at run time. A log file the
// disk refuses (full, I/O error) never stops the server: lines wait in a bounded buffer,
// the oldest dropped past it, and writing resumes when the disk takes them again.
import { join } from 'node:path';
import pino from 'pino';
import type { LogLineDto } from '../../shared/api/types';
import type { ServerLogger } from './contracts';
import { ensurePrivateDir, FILE_MODE } from './storage/data-dir';

/** Log bytes held while the file cannot be written; newer lines are dropped past this. */
const MAX_PENDING_LOG_BYTES = 1024 * 1024;

export const LOG_FILE_NAME = 'hitscope.log';

export interface LoggerOptions {
  /** Directory of the log file; no file when absent. */
  dataDir?: string;
  level: LogLineDto['level'];
  toStderr: boolean;
  /** Lines kept for a new stream subscriber. */
  recentSize?: number;
  /** Where stderr lines go (tests pass their own). */
  stderr?: { write(text: string): unknown };
}

export interface ClosableLogger extends ServerLogger {
  close(): Promise<void>;
}

const LEVELS: readonly LogLineDto['level'][] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];

export function isLogLevel(value: string): value is LogLineDto['level'] {
  return (LEVELS as readonly string[]).includes(value);
}

export function createServerLogger(options: LoggerOptions): ClosableLogger {
  const recentSize = options.recentSize ?? 200;
  const recent: LogLineDto[] = [];
  const listeners = new Set<(line: LogLineDto) => void>();
  let file: pino.DestinationStream & { flush?(cb: (err?: Error) => void): void; end?(): void };
  if (options.dataDir) {
    ensurePrivateDir(options.dataDir);
    const destination = pino.destination({
      dest: join(options.dataDir, LOG_FILE_NAME),
      sync: false,
      mode: FILE_MODE,
      maxLength: MAX_PENDING_LOG_BYTES,
    });
    // Without a listener, a write error (ENOSPC, EIO) would be thrown and end the process.
    destination.on('error', () => undefined);
    file = destination;
  } else {
    file = { write: () => undefined };
  }
  const stderr = options.stderr ?? process.stderr;
  // The level is set once: told from a set, which costs less than pino's own check (called
  // for every tracking request, that was slower than the line it spares).
  const written = new Set(LEVELS.slice(LEVELS.indexOf(options.level)));

  // One stream receives every serialized line: it is parsed once for the subscribers and
  // the stderr format, and written as is to the file.
  // Set once the file is closed: a request still under way when the server stops may log
  // after that, and the closed file throws on every write.
  let fileClosed = false;
  const fanout: pino.DestinationStream = {
    write(text: string) {
      if (!fileClosed) file.write(text);
      if (!options.toStderr && listeners.size === 0 && recentSize === 0) return;
      let line: LogLineDto;
      try {
        line = JSON.parse(text) as LogLineDto;
      } catch {
        return;
      }
      if (options.toStderr) stderr.write(formatForTerminal(line));
      recent.push(line);
      if (recent.length > recentSize) recent.splice(0, recent.length - recentSize);
      for (const listener of listeners) {
        try {
          listener(line);
        } catch {
          // A failing subscriber must not break logging for the others.
        }
      }
    },
  };

  const logger = pino(
    {
      level: options.level,
      base: null,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    fanout,
  );

  return {
    log(level, msg, fields) {
      if (fields) logger[level](fields, msg);
      else logger[level](msg);
    },
    enabled: (level) => written.has(level),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    recent: () => recent.slice(),
    flush: () =>
      new Promise<void>((resolve) => {
        if (typeof file.flush !== 'function') return resolve();
        file.flush(() => resolve());
      }),
    close: () =>
      new Promise<void>((resolve) => {
        if (typeof file.flush !== 'function' || typeof file.end !== 'function') return resolve();
        fileClosed = true;
        const stream = file as unknown as NodeJS.EventEmitter & { end(): void };
        stream.once('close', () => resolve());
        stream.once('error', () => resolve());
        stream.end();
      }),
  };
}

/** `12:00:01.234 INFO  message key=value` for people reading a terminal. */
export function formatForTerminal(line: LogLineDto): string {
  const { time, level, msg, ...fields } = line;
  const clock = typeof time === 'string' ? time.slice(11, 23) : '';
  const extras = Object.entries(fields)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' ');
  return `${clock} ${level.toUpperCase().padEnd(5)} ${msg}${extras ? ` ${extras}` : ''}\n`;
}
