// A full disk (a small tmpfs filled up): trackers get 503 for what cannot be stored, the
// summary names the reason, SIGTERM still stops the server, ingest resumes once space is
// freed, and every acknowledged hit is back after a restart.
import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { HitsPageDto, SummaryDto } from '../../../shared/api/types';
import {
  CLI_TOKEN,
  cliApi,
  exited,
  useBundledCli,
} from '../../../test-support/capture/cli-process';
import { mountTmpfs } from '../../../test-support/capture/tmpfs';

const tmpfs = mountTmpfs('8m');
const cli = useBundledCli(tmpfs.ok);
afterAll(() => {
  if (tmpfs.ok) tmpfs.unmount();
});

/** Writes zeros until the file system is full; returns the filler's path. */
function fillDisk(dir: string): string {
  const path = join(dir, 'filler');
  const fd = openSync(path, 'a');
  const block = Buffer.alloc(64 * 1024);
  try {
    for (;;) writeSync(fd, block);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(fd);
  }
  // The last partial block: fill byte by byte what is left.
  const small = openSync(path, 'a');
  try {
    for (;;) writeSync(small, Buffer.alloc(1));
  } catch {
    // Full.
  } finally {
    closeSync(small);
  }
  return path;
}

const hit = (url: string, uid: string) =>
  fetch(`${url}/matomo.php?idsite=1&rec=1&action_name=Disk&uid=${uid}`, {
    signal: AbortSignal.timeout(10_000),
  });

/**
 * Sends hits with a long value (each needs more space than any gap a filler leaves) until
 * one is refused; the acknowledged ones are added to `acknowledged`. Returns the refused uids.
 */
async function sendUntilRefused(url: string, prefix: string, acknowledged: Set<string>) {
  const refused: string[] = [];
  for (let i = 0; i < 20 && refused.length < 3; i++) {
    const uid = `${prefix}${i}`;
    const res = await fetch(
      `${url}/matomo.php?idsite=1&rec=1&uid=${uid}&action_name=${'x'.repeat(4000)}`,
      { signal: AbortSignal.timeout(10_000) },
    );
    await res.arrayBuffer();
    expect([200, 503]).toContain(res.status);
    if (res.status === 200) acknowledged.add(uid);
    else refused.push(uid);
  }
  return refused;
}

describe.skipIf(!tmpfs.ok)(
  `disk full${tmpfs.ok ? '' : ` (skipped: ${(tmpfs as { reason: string }).reason})`}`,
  () => {
    it('answers 503 while full, says why, resumes by itself and stops on SIGTERM', async () => {
      const root = (tmpfs as { dir: string }).dir;
      const dataDir = join(root, 'data');
      const server = await cli().serve(dataDir);
      const acknowledged = new Set<string>();
      for (let i = 0; i < 5; i++) {
        const res = await hit(server.url, `before${i}`);
        expect(res.status).toBe(200);
        acknowledged.add(`before${i}`);
      }

      // The UI's live stream: it must be told when capturing stops and resumes.
      const stream = await fetch(`${server.url}/api/stream?fields=compact`, {
        headers: { authorization: `Bearer ${CLI_TOKEN}` },
      });
      const summaries: SummaryDto[] = [];
      const reader = stream.body!.getReader();
      const pump = (async () => {
        const decoder = new TextDecoder();
        let text = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          text += decoder.decode(value, { stream: true });
          for (let end = text.indexOf('\n\n'); end >= 0; end = text.indexOf('\n\n')) {
            const frame = text.slice(0, end);
            text = text.slice(end + 2);
            const data = /^data: (.*)$/m.exec(frame)?.[1];
            if (frame.startsWith('event: summary') && data) {
              summaries.push((JSON.parse(data) as { summary: SummaryDto }).summary);
            }
          }
        }
      })().catch(() => undefined);

      const filler = fillDisk(root);
      const refused = await sendUntilRefused(server.url, 'full', acknowledged);
      expect(refused.length).toBeGreaterThan(0);
      const summary = await cliApi<SummaryDto>(server.url, '/api/summary');
      expect(summary.alerts).toEqual([
        expect.objectContaining({ kind: 'write-failed', message: expect.stringMatching(/full/) }),
      ]);

      await expect
        .poll(() => summaries.at(-1)?.alerts?.map((alert) => alert.kind))
        .toEqual(['write-failed']);

      rmSync(filler);
      const after = await hit(server.url, 'after');
      expect(after.status).toBe(200);
      acknowledged.add('after');
      expect((await cliApi<SummaryDto>(server.url, '/api/summary')).alerts).toEqual([]);
      await expect.poll(() => summaries.at(-1)?.alerts).toEqual([]);
      await reader.cancel();
      await pump;

      // Full again, then asked to stop: it stops, within the grace period.
      const again = fillDisk(root);
      expect(await sendUntilRefused(server.url, 'again', acknowledged)).not.toEqual([]);
      server.child.kill('SIGTERM');
      const stop = await Promise.race([
        exited(server.child),
        new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 15_000)),
      ]);
      expect(stop).not.toBe('hung');
      expect(stop).toMatchObject({ signal: null });
      rmSync(again);

      const restarted = await cli().serve(dataDir);
      await expect
        .poll(async () => (await cliApi<SummaryDto>(restarted.url, '/api/summary')).hits, {
          timeout: 10_000,
        })
        .toBe(acknowledged.size);
      const page = await cliApi<HitsPageDto>(restarted.url, '/api/hits?limit=1000');
      expect(new Set(page.hits.map((h) => String(h.params.uid)))).toEqual(acknowledged);
      restarted.child.kill('SIGTERM');
      expect((await exited(restarted.child)).code).toBe(0);
    }, 90_000);
  },
);
