// A JSON parameter sent as one long text in a form (an `ec_items` of 90,000 products, a `_cvar`
// of 120,000 slots) is parsed a list item or an object value at a time, and a hit lists at most
// ISSUES_LISTED_PER_CODE issues of one code: neither the arrival of such a form, nor reading its
// hit by id, nor reading both hits back after a restart may hold the server's event loop past
// the bound. Each request goes through the real server under the default body cap; the stall
// monitor measures the longest stretch of CPU work between two turns of the event loop.
import { describe, expect, it } from 'vitest';
import type { HitDetailDto, HitsPageDto } from '../../shared/api/types';
import { ISSUES_LISTED_PER_CODE } from '../../shared/matomo/issue-cap';
import { readThrough } from '../../test-support/capture/read-through';
import { leastStallMs } from '../../test-support/capture/stall-monitor';
import {
  readBackAndOpen,
  restartStallMs,
  useStallServer,
} from '../../test-support/capture/stall-server';
import { DEFAULT_LIMITS } from './settings-validation';
import { FORM, MAX_STALL_MS } from '../../test-support/capture/stall-bounds';

const PRODUCTS = 90_000;
const BAD_SLOTS = 120_000;

/**
 * A form-encoded page view carrying `name` as one JSON text of megabytes, then `tail`; encoded
 * here, as copying it in the send would count as the server's stall.
 */
function formOf(name: string, value: unknown, tail = ''): Buffer {
  const json = encodeURIComponent(JSON.stringify(value));
  const body = Buffer.from(`idsite=1&rec=1&action_name=Json&${name}=${json}${tail}`);
  // Megabytes, yet under the default body cap: what any server takes without a setting changed.
  expect(body.length).toBeGreaterThan(6 * 1024 * 1024);
  expect(body.length).toBeLessThan(DEFAULT_LIMITS.maxBodyBytes);
  return body;
}

const products = () =>
  Array.from({ length: PRODUCTS }, (_, n) => [`SKU${n}`, `Name ${n}`, ['c1', 'c2'], 12.5, 2]);

/** Slot 1 kept, then BAD_SLOTS slots out of 1–5: each is one json.shape warning. */
function slots(): Record<string, [string, string]> {
  const all: Record<string, [string, string]> = { 1: ['kept', 'yes'] };
  for (let n = 0; n < BAD_SLOTS; n++) all[String(6 + n)] = [`name${n}`, `value${n}`];
  return all;
}

// A value of megabytes is past the default 64 KB a value may hold: raised, as a user may.
const { t, monitor } = useStallServer({
  limits: { ...DEFAULT_LIMITS, maxParamValueLength: 16 * 1024 * 1024 },
});

const stallOf = (act: () => Promise<void>) => leastStallMs(monitor, MAX_STALL_MS, act);

/** The ids of the hits the arrival tests stored, read back by the restart test. */
const stored: string[] = [];

/** Orders sent: each attempt's order has an id of its own (Matomo rejects an order sent twice). */
let orders = 0;

/**
 * The stalls of the form's arrival (with the first page read after it) and of its hit read by
 * id; the hit itself, parsed here once the measures are taken. `query` is the URL's, per attempt.
 */
async function arrivalAndReadById(body: Buffer, query = () => 'x=1') {
  const arrivalMs = await stallOf(async () => {
    const path = `/matomo.php?${query()}`;
    expect((await t.send('POST', path, { body, headers: FORM })).status).toBe(200);
    expect(await readThrough(t.url, '/api/hits?limit=100')).toBe(200);
  });
  const page = await t.api<HitsPageDto>('/api/hits?limit=1&fields=compact');
  const id = page.hits[0]?.id ?? '';
  const byIdMs = await stallOf(async () => {
    expect(await readThrough(t.url, `/api/hits/${id}`)).toBe(200);
  });
  const { hit } = await t.api<HitDetailDto>(`/api/hits/${id}`);
  stored.push(id);
  return { arrivalMs, byIdMs, hit };
}

describe('a form carrying a JSON parameter of megabytes', { timeout: 300_000 }, () => {
  it('an ec_items of 90,000 products', async () => {
    const { arrivalMs, byIdMs, hit } = await arrivalAndReadById(
      formOf('ec_items', products(), '&idgoal=0&revenue=10'),
      () => `ec_id=O${++orders}`,
    );
    expect(hit.summary).toContain(`${PRODUCTS} items`);
    // Every item counted: 90,000 × 2 × 12.5 against the revenue sent.
    const mismatch = hit.issues.find((issue) => issue.code === 'order.revenue_mismatch');
    expect(mismatch?.message).toContain(
      'the items plus tax and shipping minus discount make 2250000.00',
    );
    expect(arrivalMs, 'on arrival').toBeLessThan(MAX_STALL_MS);
    expect(byIdMs, 'read by id').toBeLessThan(MAX_STALL_MS);
  });

  it('a _cvar of 120,000 slots out of range', async () => {
    const { arrivalMs, byIdMs, hit } = await arrivalAndReadById(formOf('_cvar', slots()));
    const shape = hit.issues.filter((issue) => issue.code === 'json.shape');
    expect(shape).toHaveLength(ISSUES_LISTED_PER_CODE + 1);
    expect(shape.at(-1)).toMatchObject({
      param: '_cvar',
      more: BAD_SLOTS - ISSUES_LISTED_PER_CODE,
    });
    expect(arrivalMs, 'on arrival').toBeLessThan(MAX_STALL_MS);
    expect(byIdMs, 'read by id').toBeLessThan(MAX_STALL_MS);
  });

  // Last in the file: it stops the shared server, whose data file then holds both hits.
  it('both hits read back after a restart', async () => {
    expect(stored).toHaveLength(2);
    await t.close();
    const stallMs = await restartStallMs(
      monitor,
      MAX_STALL_MS,
      t.dataDir,
      (url) => readBackAndOpen(url, stored),
      async (again) => {
        const { hit } = await again.api<HitDetailDto>(`/api/hits/${stored[1]}`);
        expect(hit.issues.find((issue) => issue.more !== undefined)?.more).toBe(
          BAD_SLOTS - ISSUES_LISTED_PER_CODE,
        );
      },
    );
    expect(stallMs).toBeLessThan(MAX_STALL_MS);
  });
});
