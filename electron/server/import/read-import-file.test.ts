// Reading import files without a server: format detection, the regrouping of exported bulk
// hits into their request, and the order requests are stored in.
import { describe, expect, it } from 'vitest';
import { startStallMonitor } from '../../../test-support/capture/stall-monitor';
import type { ImportItem } from './import-item';
import { byTime, readImportFile, readImportFileInSlices } from './read-import-file';

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
    expect(file.items).toHaveLength(1);
    const [item] = file.items;
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
    const [item] = readImportFile(line, options).items;
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
    expect(file.items.map((item) => item.raw.query)).toEqual(['o=1', 'd=1', 'n=1', 'a=1']);
    expect(file.items.map((item) => item.source)).toEqual(['hit', 'capture', 'hit', 'capture']);
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
    expect(file.items.map((item) => item.raw.query)).toEqual(expected);
  });

  it('reads a one-line HAR as HAR and a one-line capture as NDJSON', () => {
    const har = JSON.stringify({
      log: { entries: [{ request: { method: 'GET', url: 'http://h/matomo.php?idsite=1' } }] },
    });
    expect(readImportFile(har, options)).toMatchObject({
      format: 'har',
      items: [{ source: 'har' }],
    });
    const capture = JSON.stringify({ method: 'GET', url: 'http://h/matomo.php?idsite=1' });
    const file = readImportFile(`\uFEFF${capture}\n`, options);
    expect(file.format).toBe('ndjson');
    expect(file.items[0]?.raw).toMatchObject({ path: '/matomo.php', query: 'idsite=1' });
  });

  it('counts every skipped line but lists only the first ones, in file order, values cut', () => {
    const hugePath = `/${'p'.repeat(100_000)}`;
    const lines = [
      JSON.stringify({ method: 'GET', path: hugePath }),
      ...Array.from({ length: 1000 }, () => '{"not":"a request"}'),
      JSON.stringify({ method: 'GET', path: '/matomo.php', query: 'idsite=1' }),
    ];
    const file = readImportFile(lines.join('\n'), options);
    expect(file.items).toHaveLength(1);
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
    expect(file.items).toHaveLength(5_000);
    expect(file.items.map((item) => item.place.lines)).toEqual(
      readImportFile(content, options).items.map((item) => item.place.lines),
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
    const content = JSON.stringify({ log: { version: '1.2', entries } }, null, 2);
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
        expect(file.items).toHaveLength(count);
      }
    } finally {
      monitor.stop();
    }
    expect(stallMs).toBeLessThan(50);
  }, 120_000);
});

describe('byTime', () => {
  it('reads no more than a step of items between two steps, and sorts stably by time', () => {
    const count = 20_000;
    // Times repeat (ties keep file order), some are unknown (last).
    const items = Array.from(
      { length: count },
      (_, n) =>
        ({
          place: { lines: [n + 1] },
          ...(n % 11 === 0 ? {} : { receivedAt: new Date(Date.UTC(2026, 0, 1) + (n % 97) * 1000) }),
        }) as ImportItem,
    );
    let reads = 0;
    const counted = new Proxy(items, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    const steps = byTime(counted);
    let most = 0;
    let sorted: ImportItem[];
    for (;;) {
      reads = 0;
      const step = steps.next();
      most = Math.max(most, reads);
      if (step.done) {
        sorted = step.value;
        break;
      }
    }
    // Reading every item's time, or gathering every sorted item, in one step held the loop.
    expect(most).toBeLessThanOrEqual(4_096);
    const time = (item: ImportItem) => item.receivedAt?.getTime() ?? Infinity;
    const expected = [...items].sort((a, b) => time(a) - time(b) || 0);
    expect(sorted.map((item) => item.place.lines![0])).toEqual(
      expected.map((item) => item.place.lines![0]),
    );
  });
});
