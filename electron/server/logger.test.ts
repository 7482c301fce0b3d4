import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LogLineDto } from '../../shared/api/types';
import { createServerLogger, formatForTerminal, LOG_FILE_NAME } from './logger';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hitscope-log-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A logger of level info writing to the test's directory and to stderr, its lines kept. */
function loggerToFileAndStderr() {
  const stderr: string[] = [];
  const logger = createServerLogger({
    dataDir: dir,
    level: 'info',
    toStderr: true,
    stderr: { write: (text: string) => stderr.push(text) },
  });
  return { logger, stderr };
}

/** The messages of the log file's lines. */
function fileMessages(): string[] {
  const file = readFileSync(join(dir, LOG_FILE_NAME), 'utf8').trim().split('\n');
  return file.map((line) => (JSON.parse(line) as LogLineDto).msg);
}

describe('server logger', () => {
  it('writes JSON lines to the log file, readable lines to stderr, and lines to subscribers', async () => {
    const { logger, stderr } = loggerToFileAndStderr();
    const seen: LogLineDto[] = [];
    const unsubscribe = logger.subscribe((line) => seen.push(line));
    logger.log('info', 'Capture server listening', { url: 'http://127.0.0.1:1' });
    logger.log('debug', 'Below the level');
    logger.log('warn', 'Tracking request refused', { code: 'limit.url_too_long' });
    unsubscribe();
    logger.log('error', 'After unsubscribing');
    await logger.close();

    expect(seen.map((l) => [l.level, l.msg])).toEqual([
      ['info', 'Capture server listening'],
      ['warn', 'Tracking request refused'],
    ]);
    expect(seen[0]).toMatchObject({ url: 'http://127.0.0.1:1' });
    expect(Date.parse(seen[0]!.time)).not.toBeNaN();
    expect(fileMessages()).toEqual([
      'Capture server listening',
      'Tracking request refused',
      'After unsubscribing',
    ]);
    expect(stderr[1]).toMatch(/ WARN {2}Tracking request refused code=limit.url_too_long\n$/);
    expect(logger.recent().map((l) => l.msg)).toEqual([
      'Capture server listening',
      'Tracking request refused',
      'After unsubscribing',
    ]);
  });

  it('takes lines logged after it is closed without writing them to the closed file', async () => {
    // A request still waiting when the server stops (for the read-back of the data file)
    // logs its failure after the log is closed: the server must not crash on it.
    const { logger, stderr } = loggerToFileAndStderr();
    logger.log('info', 'Capture server stopped');
    await logger.close();
    expect(() => logger.log('error', 'A late failure', { err: 'closed' })).not.toThrow();
    expect(fileMessages()).toEqual(['Capture server stopped']);
    expect(stderr.at(-1)).toMatch(/ERROR A late failure err=closed/);
  });

  it('tells which levels it writes: its own and those above', () => {
    const logger = createServerLogger({ level: 'info', toStderr: false });
    const levels: LogLineDto['level'][] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];
    expect(levels.filter((level) => logger.enabled(level))).toEqual([
      'info',
      'warn',
      'error',
      'fatal',
    ]);
  });

  it('keeps only the newest lines for new subscribers', () => {
    const logger = createServerLogger({ level: 'info', toStderr: false, recentSize: 2 });
    for (let i = 0; i < 5; i++) logger.log('info', `line ${i}`);
    expect(logger.recent().map((l) => l.msg)).toEqual(['line 3', 'line 4']);
  });

  it('formats terminal lines with time, level, message and fields', () => {
    expect(
      formatForTerminal({ time: '2026-01-01T10:11:12.345Z', level: 'error', msg: 'Oops', n: 2 }),
    ).toBe('10:11:12.345 ERROR Oops n=2\n');
  });
});
