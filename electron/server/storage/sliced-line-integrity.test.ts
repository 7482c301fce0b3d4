// No fault may lose a hit of a bulk's line: lines built in slices while others are built,
// appended and read meanwhile must each hold every hit their request states, in order.
// The turns are handed out by a seeded, adversarial scheduler instead of the event loop, so
// every interleaving tried here is tried again on each run.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { AppendLog } from './append-log';
import { readLines } from './data-file';
import { lazyLine } from './decode-line';
import { encodeLine, encodeLineInSlices } from './encode-line';
import { CompactHit, type StoredRequest } from './stored-record';
import { storedBulkRequest } from '../../../test-support/capture/stored-bulk-request';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function requestOf(id: string, hitCount: number, bodyChars = 64): StoredRequest {
  // A bulk's body is megabytes: its head alone outgrows the first encoded piece.
  return storedBulkRequest(id, hitCount, 'b'.repeat(bodyChars));
}

function hitOf(request: StoredRequest, index: number): CompactHit {
  return new CompactHit(
    {
      id: `${request.id}.${index}`,
      index,
      type: 'pageview',
      outcome: 'recorded',
      summary: `Page ${index} ${'ü'.repeat(index % 7)}`,
      idsite: 1,
    },
    {
      userAgent: 'Mozilla/5.0',
      rawQuery: `idsite=1&rec=1&action_name=${request.id}-${index}&pad=${'x'.repeat(1200)}`,
      issues: [],
    },
    request,
    index + 1,
    () => ({}),
  );
}

/** A seeded generator (mulberry32): the same turns on every run. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Pauses that end only when the scheduler says: each `step` lets one waiting pause, picked at
 * random, go on, so encoders run interleaved in an order no event loop would choose.
 */
class Scheduler {
  private waiting: (() => void)[] = [];
  constructor(private readonly random: () => number) {}
  pause = (): Promise<void> => new Promise((resolve) => this.waiting.push(resolve));
  /** Lets one pause go; false when none waits. */
  step(): boolean {
    if (this.waiting.length === 0) return false;
    const at = Math.floor(this.random() * this.waiting.length);
    const [resume] = this.waiting.splice(at, 1);
    (resume as () => void)();
    return true;
  }
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Every line of the file's first `size` bytes, read back as the load reads it (`pause` after
 * each chunk); what each holds.
 */
async function readBack(
  path: string,
  size = readFileSync(path).length,
  pause = turn,
): Promise<{ id: string; hits: string[] }[]> {
  const lines: { id: string; hits: string[] }[] = [];
  await readLines(path, size, {
    line(bytes) {
      const line = lazyLine(bytes);
      const hits: string[] = [];
      for (let i = 0; i < line.hitCount; i++) hits.push(line.hit(i).id);
      lines.push({ id: line.request.id, hits });
    },
    overlong: () => {
      throw new Error('no line here is over the cap');
    },
    pause,
  });
  return lines;
}

const idsOf = (request: StoredRequest) =>
  Array.from({ length: request.hitCount }, (_, i) => `${request.id}.${i}`);

describe('lines of bulks built in slices at the same time', () => {
  it('each hold every hit, whatever the order their slices and other appends take', async () => {
    dir = mkdtempSync(join(tmpdir(), 'sliced-lines-'));
    const log = await AppendLog.open(join(dir, 'hits.ndjson'));
    const expected: StoredRequest[] = [];
    for (let round = 0; round < 6; round++) {
      const scheduler = new Scheduler(seeded(round + 1));
      // One bulk's head (2 MB of body) outgrows a piece, the others' hits fill several pieces.
      const bulks = [
        requestOf(`a${round}`, 2500, 2 * 1024 * 1024),
        requestOf(`b${round}`, 3000),
        requestOf(`c${round}`, 1200),
      ];
      const appended = bulks.map(async (request) => {
        const pieces = await encodeLineInSlices(
          request,
          request.hitCount,
          (i) => hitOf(request, i),
          scheduler.pause,
        );
        await log.append(pieces);
      });
      expected.push(...bulks);
      let single = 0;
      while (scheduler.step()) {
        // Single hits arrive between the slices, and writes happen at any point.
        if (single % 97 === 0) {
          const request = requestOf(`s${round}.${single}`, 1);
          expected.push(request);
          void log.append(encodeLine(request, [hitOf(request, 0)]));
        }
        single++;
        if (single % 13 === 0) await turn();
        else await Promise.resolve();
      }
      await Promise.all(appended);
    }
    await log.close();

    const lines = await readBack(log.path);
    expect(lines.map((line) => line.id).sort()).toEqual(expected.map((r) => r.id).sort());
    const byId = new Map(expected.map((request) => [request.id, request]));
    for (const line of lines) expect(line.hits).toEqual(idsOf(byId.get(line.id) as StoredRequest));
  }, 60_000);
});

describe('reading lines of bulks back while the file grows', () => {
  it('hands every line over whole, across chunk boundaries, with appends between chunks', async () => {
    dir = mkdtempSync(join(tmpdir(), 'sliced-read-'));
    const log = await AppendLog.open(join(dir, 'hits.ndjson'));
    const bulks = [requestOf('a', 3000), requestOf('b', 2500, 700 * 1024), requestOf('c', 1)];
    for (const request of bulks.slice(0, 2)) {
      await log.append(
        await encodeLineInSlices(
          request,
          request.hitCount,
          (i) => hitOf(request, i),
          () => Promise.resolve(),
        ),
      );
    }
    const single = bulks[2] as StoredRequest;
    await log.append(encodeLine(single, [hitOf(single, 0)]));
    const size = log.flushedSize();
    let later = 0;
    // Lines keep arriving while the file is read.
    const read = await readBack(log.path, size, async () => {
      const request = requestOf(`later${later++}`, 1);
      await log.append(encodeLine(request, [hitOf(request, 0)]));
    });
    await log.close();
    expect(later).toBeGreaterThan(10);
    expect(read).toEqual(bulks.map((request) => ({ id: request.id, hits: idsOf(request) })));
  });
});

const CHECKER = fileURLToPath(new URL('../../../scripts/check-data-file.mjs', import.meta.url));

describe('scripts/check-data-file.mjs', () => {
  const check = (path: string): { status: number; out: string } => {
    try {
      const out = execFileSync(process.execPath, [CHECKER, path], {
        encoding: 'utf8',
      });
      return { status: 0, out };
    } catch (error) {
      const failed = error as { status: number; stdout: string };
      return { status: failed.status, out: failed.stdout };
    }
  };

  it('passes a file of whole lines and names a line that lost hits or holds a broken one', async () => {
    dir = mkdtempSync(join(tmpdir(), 'check-data-file-'));
    const bulk = requestOf('r1', 3000);
    const pieces = await encodeLineInSlices(
      bulk,
      bulk.hitCount,
      (i) => hitOf(bulk, i),
      () => Promise.resolve(),
    );
    const single = requestOf('r2', 1);
    const good = Buffer.concat([...pieces, Buffer.from(encodeLine(single, [hitOf(single, 0)]))]);
    const path = join(dir, 'hits.ndjson');
    writeFileSync(path, good);
    expect(check(path)).toEqual({ status: 0, out: '2 lines, 0 faulty\n' });

    // The encoded pieces end where a hit ends: leaving one out keeps the line valid JSON.
    const lost = Buffer.concat([
      ...pieces.slice(0, 1),
      ...pieces.slice(2),
      Buffer.from(encodeLine(single, [hitOf(single, 0)])),
    ]);
    writeFileSync(path, lost);
    const missing = check(path);
    expect(missing.status).toBe(1);
    expect(missing.out).toMatch(/^line 1 \(byte 0, \d+ bytes\): hitCount 3000, \d+ hit pieces\n/);

    const text = good.toString('utf8').replace('"id":"r1.7"', '"id":r1.7"');
    writeFileSync(path, text);
    expect(check(path).out).toContain('1 pieces do not parse (first: hit 7)');
  });
});
