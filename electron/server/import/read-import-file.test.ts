// Reading import files without a server: format detection, the regrouping of exported bulk
// hits into their request, and the order requests are stored in.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { startStallMonitor } from '../../../test-support/capture/stall-monitor';
import {
  itemsOf,
  readImportFile,
  readImportFileInSlices,
  type ImportFile,
} from './read-import-file';

/** The file's requests, as they are stored. */
const items = (file: ImportFile) => [...itemsOf(file)];

const options = { isTrackingPath: (path: string) => path.endsWith('.php') };
const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');

function hitLine(over: Record<string, unknown>): string {
  return JSON.stringify({
    id: 'x.0',
    receivedAt: '2026-05-05T10:00:00.000Z',
    requestId: 'x',
    index: 0,
    batchSize: 1,
    transport: 'get',
    method: 'GET',
    path: '/matomo.php',
    userAgent: 'agent',
    params: {},
    rawQuery: 'idsite=1&rec=1',
    outcome: 'recorded',
    ...over,
  });
}

describe('readImportFile', () => {
  it('puts the hits of a bulk back into one request, in index order, with object entries', () => {
    const lines = [
      hitLine({
        requestId: 'b',
        index: 2,
        batchSize: 4,
        transport: 'bulk',
        method: 'POST',
        rawQuery: 'idsite=1&rec=1&ping=1',
      }),
      hitLine({
        requestId: 'b',
        index: 0,
        batchSize: 4,
        transport: 'bulk',
        method: 'POST',
        params: { idsite: 1, rec: 1, e_v: 2.5 },
        occurrences: [{ name: 'idsite', value: 1, source: 'bulk' }],
        rawQuery: 'idsite=1&rec=1&e_v=2.5',
      }),
    ];
    const file = readImportFile(lines.join('\n'), options);
    expect(file.format).toBe('ndjson');
    expect(items(file)).toHaveLength(1);
    const [item] = items(file);
    expect(JSON.parse(text(item!.raw.body))).toEqual({
      requests: [{ idsite: 1, rec: 1, e_v: 2.5 }, '?idsite=1&rec=1&ping=1'],
    });
    expect(item!.raw).toMatchObject({ method: 'POST', path: '/matomo.php', query: '' });
    expect(item!.place.lines).toEqual([2, 1]);
    expect(item!.notes).toEqual(['2 of the 4 hits of this bulk request were in the file.']);
  });

  it('splits a form POST back into its URL query and its body', () => {
    const line = hitLine({
      transport: 'post',
      method: 'POST',
      rawQuery: 'idsite=1&rec=1&action_name=A',
      occurrences: [
        { name: 'idsite', value: '1', raw: 'idsite=1', source: 'query' },
        { name: 'rec', value: '1', raw: 'rec=1', source: 'body' },
        { name: 'action_name', value: 'A', raw: 'action_name=A', source: 'body' },
      ],
    });
    const [item] = items(readImportFile(line, options));
    expect(item!.raw.query).toBe('idsite=1');
    expect(text(item!.raw.body)).toBe('rec=1&action_name=A');
    expect(item!.raw.headers).toEqual({
      'content-type': 'application/x-www-form-urlencoded',
      'user-agent': 'agent',
    });
  });

  it('stores requests oldest first whatever the file order; unknown times go last', () => {
    const lines = [
      JSON.stringify({ method: 'GET', path: '/matomo.php', query: 'a=1' }),
      hitLine({ requestId: 'new', receivedAt: '2026-05-05T12:00:00.000Z', rawQuery: 'n=1' }),
      hitLine({ requestId: 'old', receivedAt: '2026-05-05T08:00:00.000Z', rawQuery: 'o=1' }),
      JSON.stringify({
        v: 1,
        request: {
          method: 'GET',
          path: '/piwik.php',
          query: 'd=1',
          receivedAt: '2026-05-05T09:00:00.000Z',
        },
        hits: [],
      }),
    ];
    const file = readImportFile(lines.join('\n'), options);
    expect(items(file).map((item) => item.raw.query)).toEqual(['o=1', 'd=1', 'n=1', 'a=1']);
    expect(items(file).map((item) => item.source)).toEqual(['hit', 'capture', 'hit', 'capture']);
  });

  it('orders many requests as a stable sort by time would, ties and unknown times in file order', () => {
    const times = [undefined, '2026-05-05T10:00:00.000Z', '2026-05-05T08:00:00.000Z'];
    const lines = Array.from({ length: 1_000 }, (_, n) =>
      hitLine({
        requestId: `r${n}`,
        rawQuery: `n=${n}`,
        receivedAt: (n * 7) % 5 === 0 ? undefined : times[(n * 13) % 3],
      }),
    );
    const timeOf = (n: number) => {
      const at = JSON.parse(lines[n]!) as { receivedAt?: string };
      return at.receivedAt ? Date.parse(at.receivedAt) : Infinity;
    };
    const expected = lines
      .map((_, n) => n)
      .sort((a, b) => timeOf(a) - timeOf(b) || a - b)
      .map((n) => `n=${n}`);
    const file = readImportFile(lines.join('\n'), options);
    expect(items(file).map((item) => item.raw.query)).toEqual(expected);
  });

  it('groups bulk hits as they come: repeats skipped, the time of the lowest index kept', () => {
    const bulk = (over: Record<string, unknown>) =>
      hitLine({ requestId: 'b', transport: 'bulk', method: 'POST', batchSize: 3, ...over });
    const lines = [
      hitLine({ requestId: 'single', receivedAt: '2026-05-05T09:00:00.000Z', rawQuery: 's=1' }),
      bulk({ index: 2, receivedAt: '2026-05-05T12:00:00.000Z', rawQuery: 'i=2' }),
      bulk({ index: 2, rawQuery: 'again=2' }),
      hitLine({ requestId: 'b', rawQuery: 'get=1' }),
      hitLine({ requestId: 'single', rawQuery: 's=2' }),
      bulk({ index: 0, receivedAt: '2026-05-05T08:00:00.000Z', rawQuery: 'i=0' }),
    ];
    const file = readImportFile(lines.join('\n'), options);
    expect(file.skips.listed()).toEqual([
      { line: 3, reason: 'it repeats hit 2 of bulk request "b" (line 2)' },
      { line: 4, reason: 'its request "b" is bulk on line 2 but get here' },
      {
        line: 5,
        reason: 'it repeats the get request "single" of line 1 (a single request carries one hit)',
      },
    ]);
    const [first, second] = items(file);
    // The bulk's time is its hit 0's, read on the last line: it goes first.
    expect(first?.place.lines).toEqual([6, 2]);
    expect(first?.receivedAt?.toISOString()).toBe('2026-05-05T08:00:00.000Z');
    expect(JSON.parse(text(first!.raw.body))).toEqual({ requests: ['?i=0', '?i=2'] });
    expect(second?.raw.query).toBe('s=1');
  });

  it('keeps a few bytes per request while it reads, not the requests', async () => {
    // The requests all kept until the file was read filled the young generation with objects
    // that lived on: every scavenge copied them again (turns of 100 ms in a server).
    setFlagsFromString('--expose-gc');
    const collect = runInNewContext('gc') as () => void;
    const count = 20_000;
    const content = Array.from({ length: count }, (_, n) =>
      hitLine({ requestId: `r${n}`, rawQuery: `idsite=1&rec=1&action_name=Page%20${n}&n=${n}` }),
    ).join('\n');
    // A first reading and two collections settle what is not per request (the reader's code
    // and caches, garbage of the tests before): without them the heap shrank by megabytes
    // during the measure, and the figure came out below zero whatever the reader kept.
    await readImportFileInSlices(content.slice(0, content.indexOf('\n', 100_000)), options);
    collect();
    collect();
    const before = process.memoryUsage().heapUsed;
    const file = await readImportFileInSlices(content, options);
    collect();
    collect();
    const held = process.memoryUsage().heapUsed - before;
    expect(file.count).toBe(count);
    // Each request held whole came to more than a kilobyte.
    expect(held / count).toBeLessThan(300);
  });

  it('reads a one-line HAR as HAR and a one-line capture as NDJSON', () => {
    const har = JSON.stringify({
      log: { entries: [{ request: { method: 'GET', url: 'http://h/matomo.php?idsite=1' } }] },
    });
    const harFile = readImportFile(har, options);
    expect(harFile.format).toBe('har');
    expect(items(harFile)).toMatchObject([{ source: 'har' }]);
    const capture = JSON.stringify({ method: 'GET', url: 'http://h/matomo.php?idsite=1' });
    const file = readImportFile(`\uFEFF${capture}\n`, options);
    expect(file.format).toBe('ndjson');
    expect(items(file)[0]?.raw).toMatchObject({ path: '/matomo.php', query: 'idsite=1' });
  });

  it('counts every skipped line but lists only the first ones, in file order, values cut', () => {
    const hugePath = `/${'p'.repeat(100_000)}`;
    const lines = [
      JSON.stringify({ method: 'GET', path: hugePath }),
      ...Array.from({ length: 1000 }, () => '{"not":"a request"}'),
      JSON.stringify({ method: 'GET', path: '/matomo.php', query: 'idsite=1' }),
    ];
    const file = readImportFile(lines.join('\n'), options);
    expect(items(file)).toHaveLength(1);
    expect(file.skips.count).toBe(1001);
    const listed = file.skips.listed();
    expect(listed).toHaveLength(200);
    // The path check runs last, yet its skip of line 1 comes first.
    expect(listed.map((skip) => skip.line).slice(0, 3)).toEqual([1, 2, 3]);
    expect(listed[0]?.reason.length).toBeLessThan(300);
    expect(listed[0]?.reason).toMatch(/^not a tracking request \(GET \/p{79}…\)/);
  });

  it('reads a large file in slices: a timer set before the read fires before it is over', async () => {
    const lines = Array.from({ length: 5_000 }, (_, n) =>
      hitLine({ id: `r${n}.0`, requestId: `r${n}`, rawQuery: `idsite=1&rec=1&n=${n}` }),
    );
    const content = lines.join('\n');
    let fired = false;
    const timer = setTimeout(() => (fired = true), 0);
    let firedBeforeTheEnd = false;
    const file = await readImportFileInSlices(content, options).then((read) => {
      firedBeforeTheEnd = fired;
      return read;
    });
    clearTimeout(timer);
    expect(firedBeforeTheEnd).toBe(true);
    expect(items(file)).toHaveLength(5_000);
    expect(items(file).map((item) => item.place.lines)).toEqual(
      items(readImportFile(content, options)).map((item) => item.place.lines),
    );
    // Thousands of lines read twice: seconds on a busy machine (not a speed check).
  }, 30_000);

  it('parses a large HAR document in slices too: no callback holds the loop for long', async () => {
    const count = 40_000;
    const entries = Array.from({ length: count }, (_, n) => ({
      startedDateTime: new Date(Date.UTC(2026, 0, 2, 0, 0, (n * 7_919) % 86_400)).toISOString(),
      request: {
        method: 'GET',
        url: `http://shop.example/matomo.php?idsite=1&n=${n}`,
        headers: [],
      },
      response: { status: 204, headers: [], content: { size: 0, mimeType: 'image/gif' } },
    }));
    // As a file read or a body parsed gives it: one string. JSON.stringify's own is a tree of
    // its parts, which the first read of a character joins (some 30 ms for these 16 MB).
    const content = Buffer.from(
      JSON.stringify({ log: { version: '1.2', entries } }, null, 2),
    ).toString();
    const monitor = startStallMonitor();
    let stallMs = Infinity;
    try {
      // One JSON.parse of these 16 MB held the loop for 60 ms and more.
      for (let attempt = 0; attempt < 3 && stallMs >= 50; attempt++) {
        monitor.reset();
        const file = await new Promise<Awaited<ReturnType<typeof readImportFileInSlices>>>(
          (resolve, reject) =>
            setImmediate(() => readImportFileInSlices(content, options).then(resolve, reject)),
        );
        stallMs = Math.min(stallMs, monitor.longestMs());
        expect(file.format).toBe('har');
        expect(items(file)).toHaveLength(count);
      }
    } finally {
      monitor.stop();
    }
    expect(stallMs).toBeLessThan(50);
  }, 120_000);
});
