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

  it('writes a line of megabytes over several turns, letting no other line in between', async () => {
    const log = await openLog();
    const big = `{"big":"${'x'.repeat(16 * 1024 * 1024)}"}\n`;
    let turns = 0;
    let bigWritten = false;
    const during: Promise<unknown>[] = [];
    const ticking = (async () => {
      while (!bigWritten) {
        await new Promise((resolve) => setImmediate(resolve));
        turns++;
        // Lines appended while the long one is written go after it.
        if (turns <= 3) during.push(log.append(`{"during":${turns}}\n`));
      }
    })();
    // Encoded pieces may be empty (a slice that ended on a boundary): nothing to write.
    const appended = await log.append([
      Buffer.from(big.slice(0, 9)),
      Buffer.alloc(0),
      Buffer.from(big.slice(9)),
    ]);
    bigWritten = true;
    await ticking;
    const after = await Promise.all(during);
    await log.close();
    expect(turns).toBeGreaterThan(4);
    expect(appended).toEqual({ offset: 0, bytes: big.length });
    const file = readFileSync(log.path, 'utf8');
    expect(file).toBe(`${big}{"during":1}\n{"during":2}\n{"during":3}\n`);
    expect(after.map((line) => (line as { offset: number }).offset)).toEqual([
      big.length,
      big.length + 13,
      big.length + 26,
    ]);
  });

  it('finishes a long write at once when its size is asked for', async () => {
    const log = await openLog();
    const big = `{"big":"${'y'.repeat(8 * 1024 * 1024)}"}\n`;
    const appended = log.append(big);
    await new Promise((resolve) => setImmediate(resolve));
    log.append('{"next":1}\n').catch(() => undefined);
    expect(log.flushedSize()).toBe(big.length + 11);
    expect(await appended).toEqual({ offset: 0, bytes: big.length });
    await log.close();
    expect(readFileSync(log.path, 'utf8')).toBe(`${big}{"next":1}\n`);
  });
});
