// kill -9 in the middle of ingest, then a restart on the same data dir: every hit whose
// request was answered 200 is back (bulk requests with all their entries); SIGTERM and
// SIGINT stop cleanly with exit code 0.
import { describe, expect, it } from 'vitest';
import type { HitsPageDto, SummaryDto } from '../../../shared/api/types';
import {
  CLI_TOKEN,
  cliApi,
  cliHitUids,
  exited,
  useBundledCli,
} from '../../../test-support/capture/cli-process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_FILE_NAME } from '../storage/hit-store';

const cli = useBundledCli();

const bulkOf = (uids: string[]) =>
  JSON.stringify({ requests: uids.map((uid) => `?idsite=1&rec=1&action_name=Bulk&uid=${uid}`) });

/**
 * Restarts on `dataDir` and waits until every acknowledged uid is stored, then stops. Nothing
 * may be set aside as unreadable: a cut last record is the only damage a kill leaves.
 */
async function expectBackAfterRestart(dataDir: string, acknowledged: string[]): Promise<void> {
  const again = await cli().serve(dataDir);
  // Polled: the stored hits stream back in after the server starts answering.
  await expect
    .poll(
      async () => {
        const stored = await cliHitUids(again.url);
        return acknowledged.filter((uid) => !stored.has(uid));
      },
      { timeout: 30_000 },
    )
    .toEqual([]);
  const alerts = (await cliApi<SummaryDto>(again.url, '/api/summary')).alerts ?? [];
  expect(alerts.filter((alert) => alert.kind === 'unreadable-records')).toEqual([]);
  again.child.kill('SIGTERM');
  expect((await exited(again.child)).code).toBe(0);
}

describe('kill -9 and restart', () => {
  it('keeps every acknowledged hit of single and bulk requests through kill -9', async () => {
    const dataDir = join(cli().work, 'kill');
    const { child, url } = await cli().serve(dataDir);
    const acknowledged = new Set<string>();
    let killed = false;
    const sends = Array.from({ length: 240 }, async (_, i) => {
      // Every third request is a bulk of 25 entries (a few KB each, so writes are not tiny).
      const uids = i % 3 === 0 ? Array.from({ length: 25 }, (_, n) => `b${i}x${n}`) : [`k${i}`];
      try {
        const res =
          uids.length > 1
            ? await fetch(`${url}/matomo.php`, {
                method: 'POST',
                headers: { 'content-type': 'application/json' },
                body: bulkOf(uids),
              })
            : await fetch(`${url}/matomo.php?idsite=1&rec=1&action_name=Durable&uid=${uids[0]}`);
        await res.arrayBuffer();
        if (res.status === 200) for (const uid of uids) acknowledged.add(uid);
      } catch {
        // Cut off by the kill: not acknowledged.
      }
      if (acknowledged.size >= 600 && !killed) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    await Promise.all(sends);
    expect((await exited(child)).signal).toBe('SIGKILL');
    expect(acknowledged.size).toBeGreaterThanOrEqual(600);

    await expectBackAfterRestart(dataDir, [...acknowledged]);
  }, 90_000);

  it('keeps every hit of the bulks answered before a kill -9 that cuts a bulk of 10,000', async () => {
    const dataDir = join(cli().work, 'kill-bulk');
    const { child, url } = await cli().serve(dataDir);
    const dataFile = join(dataDir, DATA_FILE_NAME);
    const sendBulk = (name: string, count: number) =>
      fetch(`${url}/matomo.php`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: bulkOf(Array.from({ length: count }, (_, n) => `${name}x${n}`)),
      });
    const acknowledged: string[] = [];
    // Bulks of thousands: each is written as a line of slices (one hit after each tab).
    for (const name of ['a', 'b']) {
      const res = await sendBulk(name, 2000);
      await res.arrayBuffer();
      expect(res.status).toBe(200);
      acknowledged.push(...Array.from({ length: 2000 }, (_, n) => `${name}x${n}`));
    }
    const before = statSync(dataFile).size;
    const cut = sendBulk('c', 10_000).catch(() => null);
    // Killed as soon as the third bulk's line starts to reach the file.
    while (statSync(dataFile).size === before && child.exitCode === null) {
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    child.kill('SIGKILL');
    expect((await exited(child)).signal).toBe('SIGKILL');
    await cut;

    // The cut line is the last one: moved to the torn file, never read in part.
    await expectBackAfterRestart(dataDir, acknowledged);
  }, 120_000);

  it('keeps a hit of megabytes, byte for byte, through kill -9 right after its answer', async () => {
    const dataDir = join(cli().work, 'kill-large');
    const { child, url } = await cli().serve(dataDir);
    // A value of megabytes is past the default limit: raised, as a user may.
    const raised = await fetch(`${url}/api/settings`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${CLI_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ limits: { maxParamValueLength: 16 * 1024 * 1024 } }),
    });
    expect(raised.status).toBe(200);
    // Written a megabyte at a time: the character across a piece boundary must stay whole.
    const value = `${'v'.repeat(1024 * 1024 - 1)}😀é${'w'.repeat(5 * 1024 * 1024)}`;
    const body = `idsite=1&rec=1&action_name=Large&x=${encodeURIComponent(value)}`;
    const answer = await fetch(`${url}/matomo.php`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    expect(answer.status).toBe(200);
    child.kill('SIGKILL');
    expect((await exited(child)).signal).toBe('SIGKILL');

    const again = await cli().serve(dataDir);
    const newest = async () => (await cliApi<HitsPageDto>(again.url, '/api/hits?limit=1')).hits;
    await expect.poll(newest, { timeout: 20_000 }).toHaveLength(1);
    const [hit] = await newest();
    // Reading answers carry the beginning of a long value; the raw route serves all of it.
    const raw = async (path: string) =>
      (
        await fetch(`${again.url}/api/hits/${hit?.id}/raw${path}`, {
          headers: { authorization: `Bearer ${CLI_TOKEN}` },
        })
      ).text();
    expect(await raw('')).toBe(body);
    expect(await raw('?param=x')).toBe(value);
    expect(value.startsWith(String(hit?.params['x']))).toBe(true);
    again.child.kill('SIGTERM');
    await exited(again.child);
  }, 90_000);

  it('stops cleanly on SIGTERM and SIGINT with exit code 0, keeping the hits', async () => {
    const dataDir = join(cli().work, 'term');
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const { child, url } = await cli().serve(dataDir);
      expect((await fetch(`${url}/matomo.php?idsite=1&rec=1&uid=${signal}`)).status).toBe(200);
      child.kill(signal);
      expect(await exited(child)).toEqual({ code: 0, signal: null });
    }
    const { child, url } = await cli().serve(dataDir);
    await expect.poll(async () => (await cliApi<SummaryDto>(url, '/api/summary')).hits).toBe(2);
    child.kill('SIGTERM');
    await exited(child);
  }, 60_000);
});
