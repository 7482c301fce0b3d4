// A JSON parameter longer than an answer meant for reading keeps (TEXT_PREFIX_CHARS): Matomo
// reads it whole and the hit was analysed whole on arrival, but the inspector's answer rebuilds
// the decoded value from the beginning of the text only. That beginning is no valid JSON, and
// the answer must not call the value invalid or ignored for it: it says it was cut for reading
// and decodes what the beginning holds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEXT_PREFIX_CHARS } from '../../shared/api/text-cut';
import type { HitDetailDto } from '../../shared/api/types';
import {
  getWithToken,
  LONG_VALUE_LIMITS,
  postHit,
} from '../../test-support/capture/long-value-posts';
import { startTestServer, type TestServer } from '../../test-support/capture/server-harness';

const items = JSON.stringify(
  Array.from({ length: 2_000 }, (_, n) => [
    `SKU-${n}`,
    `Product ${n} ${'x'.repeat(20)}`,
    'Shoes',
    10.5,
    2,
  ]),
);
// Slot keys past 5 are skipped by Matomo (a warning each), but the text is valid JSON.
const customVariables = JSON.stringify(
  Object.fromEntries(
    Array.from({ length: 3_000 }, (_, n) => [String(n + 1), [`name${n}`, `value ${n}`]]),
  ),
);

describe('a JSON parameter longer than a reading answer keeps', { timeout: 120_000 }, () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ limits: LONG_VALUE_LIMITS });
  });
  afterAll(() => t.dispose());

  /** Sends a POST (a form of `params` by default) and reads its hit back as the inspector does. */
  async function inspected(params: string, body?: string) {
    const id = await (body === undefined
      ? postHit(t, `idsite=1&rec=1&action_name=Long&${params}`)
      : postHit(t, body, { 'content-type': 'application/json' }));
    return (await getWithToken(t, `/api/hits/${id}`)).json<HitDetailDto>().hit;
  }

  it('shows ec_items as cut for reading, with its first items, not as invalid', async () => {
    expect(items.length).toBeGreaterThan(TEXT_PREFIX_CHARS);
    const hit = await inspected(
      `idgoal=0&ec_id=A1&revenue=10&ec_items=${encodeURIComponent(items)}`,
    );
    expect(hit.issues.filter((issue) => issue.code === 'json.invalid')).toEqual([]);
    const decoded = hit.decoded['ec_items'];
    expect(decoded?.display).not.toContain('(ignored)');
    expect(decoded?.cutForReading?.chars).toBe(items.length);
    const shown = decoded?.value as { sku: string }[];
    expect(shown.length).toBeGreaterThan(100);
    expect(shown.length).toBeLessThan(2_000);
    expect(shown[0]?.sku).toBe('SKU-0');
    expect(shown.at(-1)?.sku).toBe(`SKU-${shown.length - 1}`);
  });

  it('shows _cvar as cut for reading, with its first slots, not as invalid', async () => {
    expect(customVariables.length).toBeGreaterThan(TEXT_PREFIX_CHARS);
    const hit = await inspected(`_cvar=${encodeURIComponent(customVariables)}`);
    expect(hit.issues.filter((issue) => issue.code === 'json.invalid')).toEqual([]);
    const decoded = hit.decoded['_cvar'];
    expect(decoded?.display).not.toContain('(ignored)');
    expect(decoded?.cutForReading?.chars).toBe(customVariables.length);
    expect(decoded?.value).toEqual(
      [1, 2, 3, 4, 5].map((slot) => ({
        slot,
        name: `name${slot - 1}`,
        value: `value ${slot - 1}`,
      })),
    );
  });

  it('does so in a bulk entry too', async () => {
    const entry = `?idsite=1&rec=1&idgoal=0&ec_id=B1&revenue=10&ec_items=${encodeURIComponent(items)}`;
    const hit = await inspected('', JSON.stringify({ requests: [entry] }));
    expect(hit.transport).toBe('bulk');
    expect(hit.decoded['ec_items']?.cutForReading?.chars).toBe(items.length);
    expect((hit.decoded['ec_items']?.value as unknown[]).length).toBeGreaterThan(100);
  });

  it('keeps the invalid state of a value Matomo could not read whole', async () => {
    const hit = await inspected(
      `idgoal=0&ec_id=A2&revenue=10&ec_items=${encodeURIComponent(`${items}]`)}`,
    );
    expect(hit.issues.map((issue) => [issue.code, issue.param])).toContainEqual([
      'json.invalid',
      'ec_items',
    ]);
    expect(hit.decoded['ec_items']?.value).toBeUndefined();
    expect(hit.decoded['ec_items']?.display).toBe('(ignored)');
  });

  it('leaves the values of a hit without long ones as they were', async () => {
    const hit = await inspected(`ec_items=${encodeURIComponent('[["S","N","C",1,1]]')}`);
    expect(hit.decoded['ec_items']?.cutForReading).toBeUndefined();
    expect(hit.decoded['ec_items']?.display).toBe('1 item: S × 1 @ 1');
  });
});
