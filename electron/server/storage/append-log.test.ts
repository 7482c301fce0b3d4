import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppendLog } from './append-log';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function openLog(): Promise<AppendLog> {
  dir = mkdtempSync(join(tmpdir(), 'append-log-'));
  return AppendLog.open(join(dir, 'hits.ndjson'));
}

describe('AppendLog', () => {
  it('writes appends made together in their order, each told where its bytes are', async () => {
    const log = await openLog();
    const large = Array.from({ length: 3 }, (_, i) => Buffer.from(`{"piece":${i},"é":"–"}`));
    const lines: (string | Buffer[])[] = [
      '{"n":1,"text":"plain"}\n',
      '{"n":2,"text":"é – 😀"}\n',
      [...large.slice(0, 2), Buffer.concat([large[2] as Buffer, Buffer.from('\n')])],
      `{"n":4,"text":"${'ü'.repeat(100_000)}"}\n`,
      '{"n":5}\n',
    ];
    const appended = await Promise.all(lines.map((line) => log.append(line)));
    await log.close();
    const file = readFileSync(log.path);
    const expected = Buffer.concat(
      lines.map((line) => (typeof line === 'string' ? Buffer.from(line) : Buffer.concat(line))),
    );
    expect(file.equals(expected)).toBe(true);
    let offset = 0;
    for (const [i, { offset: at, bytes }] of appended.entries()) {
      expect(at).toBe(offset);
      const line = lines[i] as string | Buffer[];
      const text = typeof line === 'string' ? line : Buffer.concat(line).toString('utf8');
      expect(file.subarray(at, at + bytes).toString('utf8')).toBe(text);
      offset += bytes;
    }
  });

  it('keeps offsets counting on from the lines of earlier flushes', async () => {
    const log = await openLog();
    const first = await log.append('{"a":"ß"}\n');
    const second = await log.append('{"b":"∑"}\n');
    await log.close();
    expect(first).toEqual({ offset: 0, bytes: Buffer.byteLength('{"a":"ß"}\n') });
    expect(second.offset).toBe(first.bytes);
    const file = readFileSync(log.path, 'utf8');
    expect(file).toBe('{"a":"ß"}\n{"b":"∑"}\n');
  });
});
