import { describe, expect, it } from 'vitest';
import {
  decodeLineInSlices,
  lazyLine,
  lazyLineInTurns,
  readLineSalvaging,
  WHOLE_HIT_BYTES,
} from './decode-line';
import { encodeLine, encodeLineInSlices } from './encode-line';
import { CompactHit, type StoredRequest } from './stored-record';

const request: StoredRequest = {
  id: 'r1',
  receivedAt: '2026-01-01T00:00:00.000Z',
  method: 'POST',
  path: '/matomo.php',
  query: '',
  headers: { 'user-agent': 'A\tB' },
  remoteAddress: '127.0.0.1',
  body: '{"requests":["?a=\t1"]}',
  bodyEncoding: 'utf8',
  bodySize: 20,
  bodyTruncated: false,
  transport: 'bulk',
  issues: [],
  response: {
    status: 200,
    headers: {},
    contentType: null,
    body: '',
    bodyKind: 'empty',
    durationMs: 1,
  },
  hitCount: 3,
};

const hits = [0, 1, 2].map(
  (i) =>
    new CompactHit(
      {
        id: `r1.${i}`,
        index: i,
        type: 'pageview',
        outcome: 'recorded',
        summary: `P${i}`,
        idsite: 1,
      },
      { userAgent: `UA\t${i}`, rawQuery: i === 2 ? '' : `?action_name=P${i}\t&x=]}`, issues: [] },
      request,
      i + 1,
      () => ({}),
    ),
);

const slicedLine = async (head = request) =>
  Buffer.concat(
    await encodeLineInSlices(
      head,
      hits.length,
      (i) => hits[i] as CompactHit,
      async () => {},
    ),
  ).toString('utf8');

describe('lines written in slices', () => {
  it('are the same JSON as a line written at once, tabs in values included', async () => {
    const sliced = await slicedLine();
    expect(sliced.endsWith('\n')).toBe(true);
    expect(sliced.indexOf('\n')).toBe(sliced.length - 1);
    expect(JSON.parse(sliced)).toEqual(JSON.parse(encodeLine(request, hits)));
  });

  it('are the same bytes across piece boundaries, in every UTF-8 width', async () => {
    // About 3 MB of hits in one to four bytes per character, and one hit longer than a piece.
    const wide = (i: number) => `é–😀a${i}`.repeat(i === 700 ? 300_000 : 200);
    const many = Array.from(
      { length: 1500 },
      (_, i) =>
        new CompactHit(
          {
            id: `r1.${i}`,
            index: i,
            type: 'pageview',
            outcome: 'recorded',
            summary: wide(i),
            idsite: 1,
          },
          { userAgent: 'UA', rawQuery: `?p=${i}`, issues: [] },
          request,
          i + 1,
          () => ({}),
        ),
    );
    const pieces = await encodeLineInSlices(
      request,
      many.length,
      (i) => many[i] as CompactHit,
      async () => {},
    );
    expect(pieces.length).toBeGreaterThanOrEqual(3);
    const whole = encodeLine(request, many);
    const sliced = Buffer.concat(pieces).toString('utf8');
    expect(sliced.replace(/\t/g, '')).toBe(whole);
  });

  it('are read back one hit at a time, each found by its id', async () => {
    const text = (await slicedLine()).trimEnd();
    const line = lazyLine(text);
    expect(line.hitCount).toBe(3);
    expect(line.request).toEqual(JSON.parse(text).request);
    expect(line.hit(1)).toEqual(JSON.parse(text).hits[1]);
    expect(line.indexOf('r1.2')).toBe(2);
    expect(line.indexOf('r1.9')).toBe(-1);
    expect(await decodeLineInSlices(text, async () => {})).toEqual(JSON.parse(text));
  });

  it('are read from their bytes one hit at a time, never decoded whole', async () => {
    const bytes = Buffer.from((await slicedLine()).trimEnd());
    const text = bytes.toString('utf8');
    const decoded: number[] = [];
    const toString = bytes.toString.bind(bytes);
    bytes.toString = ((encoding?: BufferEncoding, start = 0, end = bytes.length) => {
      decoded.push(end - start);
      return toString(encoding, start, end);
    }) as typeof bytes.toString;
    const line = lazyLine(bytes);
    expect(line.request).toEqual(JSON.parse(text).request);
    expect(line.hit(2)).toEqual(JSON.parse(text).hits[2]);
    expect(line.indexOf('r1.1')).toBe(1);
    expect(decoded.length).toBeGreaterThan(0);
    // The head (the request) is the largest piece; no call took the whole line.
    expect(Math.max(...decoded)).toBeLessThanOrEqual(text.indexOf('\t'));
  });

  it('read a hit of megabytes over turns, its long strings decoded apart, parsed once', async () => {
    const value = `${'v'.repeat(1024 * 1024)}"é😀\\`;
    const long = new CompactHit(
      { id: 'r1.1', index: 1, type: 'pageview', outcome: 'recorded', summary: 'L', idsite: 1 },
      { userAgent: 'UA', rawQuery: `x=${value}`, issues: [], params: { x: value } },
      request,
      2,
      () => ({}),
    );
    const two = [hits[0] as CompactHit, long];
    const pieces = await encodeLineInSlices(
      { ...request, hitCount: 2 },
      2,
      (i) => two[i] as CompactHit,
      async () => {},
    );
    const bytes = Buffer.concat(pieces).subarray(0, -1);
    const expected = JSON.parse(bytes.toString('utf8')) as { hits: unknown[] };
    let pauses = 0;
    const pause = () => {
      pauses++;
      return Promise.resolve();
    };
    const line = lazyLine(bytes);
    const first = await line.hitInTurns(1, pause);
    expect(first).toEqual(expected.hits[1]);
    // The raw query and the parameter: each decoded after a pause of its own.
    expect(pauses).toBeGreaterThanOrEqual(2);
    expect(line.hit(1)).toBe(first);
    expect(await line.hitInTurns(0, pause)).toEqual(expected.hits[0]);
    const prepared = lazyLine(bytes);
    await prepared.prepareInTurns(pause);
    expect(prepared.hit(1)).toEqual(expected.hits[1]);
    expect((await decodeLineInSlices(bytes, pause)).hits).toEqual(expected.hits);
  });

  it('find where a hit of megabytes ends a few megabytes per turn', async () => {
    const value = 'v'.repeat(6 * 1024 * 1024);
    const long = new CompactHit(
      { id: 'r1.1', index: 1, type: 'pageview', outcome: 'recorded', summary: 'L', idsite: 1 },
      { userAgent: 'UA', rawQuery: `x=${value}`, issues: [], params: { x: value } },
      request,
      2,
      () => ({}),
    );
    const three = [hits[0] as CompactHit, long, hits[2] as CompactHit];
    const bytes = Buffer.concat(
      await encodeLineInSlices(
        request,
        3,
        (i) => three[i] as CompactHit,
        async () => {},
      ),
    ).subarray(0, -1);
    // The longest stretch of the line's bytes one search for a tab went through: the whole
    // hit (12 MB) in one call held the loop for 50 ms and more.
    let longestSearch = 0;
    const indexOf = bytes.indexOf.bind(bytes);
    Object.defineProperty(bytes, 'indexOf', {
      value: (value: number, from = 0) => {
        const found = indexOf(value, from);
        longestSearch = Math.max(longestSearch, (found < 0 ? bytes.length : found) - from);
        return found;
      },
    });
    const expected = JSON.parse(bytes.toString('utf8')) as { hits: unknown[] };
    const pause = () => Promise.resolve();
    const line = lazyLine(bytes);
    await line.prepareInTurns(pause);
    expect(line.hit(1)).toEqual(expected.hits[1]);
    expect(await line.hitInTurns(2, pause)).toEqual(expected.hits[2]);
    expect(longestSearch).toBeLessThan(5 * 1024 * 1024);
    const byId = lazyLine(bytes);
    expect(await byId.hitInTurns(1, pause)).toEqual(expected.hits[1]);
    expect(longestSearch).toBeLessThan(5 * 1024 * 1024);
  });

  it('parse a request head of megabytes (a bulk body) over turns, as lazyLine does', async () => {
    const entries = Array.from({ length: 30_000 }, (_, n) => `?idsite=1&rec=1&action_name=é${n}`);
    const bulk = { ...request, body: JSON.stringify({ requests: entries }) };
    // As the data file's reader gives a line: without its newline.
    const bytes = Buffer.concat(
      await encodeLineInSlices(
        bulk,
        hits.length,
        (i) => hits[i] as CompactHit,
        async () => {},
      ),
    ).subarray(0, -1);
    expect(bytes.indexOf('\t')).toBeGreaterThan(WHOLE_HIT_BYTES);
    let pauses = 0;
    const line = await lazyLineInTurns(bytes, () => {
      pauses++;
      return Promise.resolve();
    });
    const whole = lazyLine(bytes);
    expect(line.request).toEqual(whole.request);
    expect(line.request.body).toBe(bulk.body);
    expect([0, 1, 2].map((i) => line.hit(i))).toEqual([0, 1, 2].map((i) => whole.hit(i)));
    // The body's escapes are decoded half a megabyte per turn.
    expect(pauses).toBeGreaterThan(2);
    const read = await decodeLineInSlices(bytes, () => Promise.resolve());
    expect(read.request).toEqual(whole.request);
  });

  it('read for their hits alone, leave a bulk body of megabytes undecoded', async () => {
    const entries = Array.from({ length: 30_000 }, (_, n) => `?idsite=1&rec=1&action_name=é${n}`);
    const bulk = { ...request, body: JSON.stringify({ requests: entries }) };
    // As the data file's reader gives a line: without its newline.
    const lineOf = async (head: StoredRequest) => Buffer.from((await slicedLine(head)).trimEnd());
    const bytes = await lineOf(bulk);
    expect(bytes.indexOf('\t')).toBeGreaterThan(WHOLE_HIT_BYTES);
    const line = await lazyLineInTurns(bytes, async () => {}, undefined, true);
    const whole = lazyLine(bytes);
    expect(line.bodyLeftOut).toBe(true);
    expect(line.request).toEqual({ ...whole.request, body: '' });
    expect([0, 1, 2].map((i) => line.hit(i))).toEqual([0, 1, 2].map((i) => whole.hit(i)));
    // Read for the request, or a request that is not a bulk: the body is there.
    expect((await lazyLineInTurns(bytes, async () => {})).request.body).toBe(bulk.body);
    const single = await lineOf({ ...bulk, transport: 'post' });
    const kept = await lazyLineInTurns(single, async () => {}, undefined, true);
    expect(kept.bodyLeftOut).toBeUndefined();
    expect(kept.request.body).toBe(bulk.body);
  });

  it('parse a line with tabs of another origin whole, and refuse a broken one', async () => {
    const whole = encodeLine(request, hits).trimEnd().replace('"hits":[', '"hits":\t[');
    expect(lazyLine(whole).hit(0)).toEqual(JSON.parse(whole).hits[0]);
    expect(lazyLine(Buffer.from(whole)).hit(0)).toEqual(JSON.parse(whole).hits[0]);
    const broken = '{"v":1,"request":{"id":"x"},"hits":[\t{"id":"x.0"]}';
    expect(() => lazyLine(broken).hit(0)).toThrow();
    expect(() => lazyLine(Buffer.from(broken)).hit(0)).toThrow();
    await expect(decodeLineInSlices(broken, async () => {})).rejects.toThrow();
  });

  it('are read from their bytes as from their text, a pause after each hit', async () => {
    const fromBytes = async (text: string) => {
      let pauses = 0;
      const line = await decodeLineInSlices(Buffer.from(text), async () => {
        pauses++;
      });
      return { line, pauses };
    };
    const text = (await slicedLine()).trimEnd().replaceAll('P1', 'é😀');
    expect(await fromBytes(text)).toEqual({ line: JSON.parse(text), pauses: 3 });
    const whole = encodeLine(request, hits).trimEnd();
    expect((await fromBytes(whole)).line).toEqual(JSON.parse(whole));
    const otherTabs = whole.replace('"hits":[', '"hits":\t[');
    expect((await fromBytes(otherTabs)).line).toEqual(JSON.parse(otherTabs));
    await expect(
      decodeLineInSlices(
        Buffer.from('{"v":1,"request":{"id":"x"},"hits":[\t{"id":"x.0"]}'),
        async () => {},
      ),
    ).rejects.toThrow();
  });

  it('hand each hit to the reader as soon as it is parsed, before the next one', async () => {
    const steps: string[] = [];
    const read = await readLineSalvaging(
      Buffer.from((await slicedLine()).trimEnd()),
      async () => {
        steps.push('pause');
      },
      (head, count) => {
        steps.push(`request ${head.id} of ${count}`);
        return (hit, i) => {
          steps.push(`hit ${i}`);
          return hit.summary;
        };
      },
    );
    // The parsed hit is no longer held once the reader made its own of it.
    expect(steps).toEqual([
      'request r1 of 3',
      'hit 0',
      'pause',
      'hit 1',
      'pause',
      'hit 2',
      'pause',
    ]);
    expect(read).toMatchObject({ hits: ['P0', 'P1', 'P2'], salvage: null });
  });

  it('tell the reader the request again for the hits a damaged line keeps', async () => {
    const pieces = (await slicedLine()).trimEnd().split('\t');
    pieces[2] = '{"id":"r1.1",';
    const told: number[] = [];
    const read = await readLineSalvaging(
      Buffer.from(pieces.join('\t')),
      async () => {},
      (_head, count) => {
        told.push(count);
        return (hit) => hit.id;
      },
    );
    expect(told).toEqual([3, 2]);
    expect(read.hits).toEqual(['r1.0', 'r1.2']);
    expect(read.salvage?.lost).toEqual([1]);
  });

  it('tell the reader when a bulk body of megabytes was left unread, damaged line or not', async () => {
    const entries = Array.from({ length: 30_000 }, (_, n) => `?idsite=1&rec=1&action_name=é${n}`);
    const bulk = { ...request, body: JSON.stringify({ requests: entries }) };
    const pieces = (await slicedLine(bulk)).trimEnd().split('\t');
    const damaged = [...pieces];
    damaged[2] = '{"id":"r1.1",';
    for (const line of [pieces, damaged]) {
      const told: [string, boolean][] = [];
      const read = (body: boolean) =>
        readLineSalvaging(
          Buffer.from(line.join('\t')),
          async () => {},
          (head, _count, bodyLeftOut) => {
            told.push([head.body.slice(0, 12), bodyLeftOut]);
            return (hit) => hit.id;
          },
          !body,
        );
      expect((await read(false)).hits).toEqual((await read(true)).hits);
      expect(told.at(0)).toEqual(['', true]);
      expect(told.at(-1)).toEqual([bulk.body.slice(0, 12), false]);
    }
  });
});
