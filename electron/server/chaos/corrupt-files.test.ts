// A server started on a data directory damaged in every way at once: a bad record in the
// middle of the data file, a cut last record, saved settings with one invalid value and a
// lock left by a dead process. It starts, loads every readable hit, keeps what it could not
// read in side files, and says so in the summary (the UI's banner).
import { spawnSync } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HitDetailDto, HitsPageDto, SettingsDto, SummaryDto } from '../../../shared/api/types';
import { cliApi, exited, useBundledCli } from '../../../test-support/capture/cli-process';
import { SETTINGS_FILE_NAME } from '../settings-store';
import { LOCK_FILE_NAME } from '../storage/data-dir';
import { DATA_FILE_NAME, TORN_FILE_NAME } from '../storage/hit-store';
import { UNREADABLE_FILE_NAME } from '../storage/unreadable-records';

const cli = useBundledCli();

describe('a damaged data directory', () => {
  it('starts, keeps every readable hit, sets the rest aside and says so', async () => {
    const dataDir = join(cli().work, 'damaged');
    const first = await cli().serve(dataDir);
    for (let i = 0; i < 6; i++) {
      expect((await fetch(`${first.url}/matomo.php?idsite=1&rec=1&uid=u${i}`)).status).toBe(200);
    }
    first.child.kill('SIGTERM');
    await exited(first.child);

    const dataFile = join(dataDir, DATA_FILE_NAME);
    const lines = readFileSync(dataFile, 'utf8').trimEnd().split('\n');
    lines.splice(2, 0, '{"v":1,"request":{"id":"damaged"},"hits":[{}]}');
    writeFileSync(dataFile, `${lines.join('\n')}\n`);
    appendFileSync(dataFile, '{"v":1,"request":{"id":"cut-by-a-ki');
    writeFileSync(
      join(dataDir, SETTINGS_FILE_NAME),
      JSON.stringify({ debugMode: 'always', maxHits: 'lots' }),
    );
    const dead = Number(
      spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout,
    );
    writeFileSync(
      join(dataDir, LOCK_FILE_NAME),
      JSON.stringify({ pid: dead, host: hostname(), startedAt: '2020-01-01T00:00:00.000Z' }),
    );

    const server = await cli().serve(dataDir);
    await expect
      .poll(async () => (await cliApi<SummaryDto>(server.url, '/api/summary')).hits)
      .toBe(6);
    const page = await cliApi<HitsPageDto>(server.url, '/api/hits?limit=100');
    expect(page.hits.map((hit) => hit.params.uid).sort()).toEqual(
      ['u0', 'u1', 'u2', 'u3', 'u4', 'u5'].sort(),
    );
    const summary = await cliApi<SummaryDto>(server.url, '/api/summary');
    expect(summary.alerts?.map((alert) => alert.kind)).toEqual([
      'unreadable-records',
      'torn-tail',
      'settings-invalid',
    ]);
    expect(summary.alerts?.[0]?.message).toBe(
      `1 record of the data file could not be read, kept in ${join(dataDir, UNREADABLE_FILE_NAME)}`,
    );
    expect(readFileSync(join(dataDir, UNREADABLE_FILE_NAME), 'utf8')).toMatch(
      /^# line 3 of .*\n\{"v":1,"request":\{"id":"damaged"\},"hits":\[\{\}\]\}\n$/,
    );
    expect(readFileSync(join(dataDir, TORN_FILE_NAME), 'utf8')).toContain(
      '{"v":1,"request":{"id":"cut-by-a-ki',
    );
    expect(summary.alerts?.[2]?.message).toContain('maxHits must be an integer');
    const settings = await cliApi<SettingsDto>(server.url, '/api/settings');
    expect(settings.debugMode).toBe('always');
    server.child.kill('SIGTERM');
    expect((await exited(server.child)).code).toBe(0);
  }, 60_000);

  it("keeps the hits of a bulk's line around a broken piece, by id and by search", async () => {
    const dataDir = join(cli().work, 'damaged-bulk');
    const first = await cli().serve(dataDir);
    const requests = Array.from({ length: 1000 }, (_, n) => `?idsite=1&rec=1&uid=n${n}`);
    const sent = await fetch(`${first.url}/matomo.php`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ requests }),
    });
    expect(sent.status).toBe(200);
    first.child.kill('SIGTERM');
    await exited(first.child);

    // A bulk of 1,000 is written with each hit after a tab: the hit at 400 is broken.
    const dataFile = join(dataDir, DATA_FILE_NAME);
    const pieces = readFileSync(dataFile, 'utf8').split('\t');
    pieces[401] = '{"userAgent":,';
    writeFileSync(dataFile, pieces.join('\t'));

    const server = await cli().serve(dataDir);
    await expect
      .poll(async () => (await cliApi<SummaryDto>(server.url, '/api/summary')).hits)
      .toBe(999);
    const found = await cliApi<HitsPageDto>(server.url, '/api/hits?q=n401&limit=10');
    expect(found.hits.map((hit) => hit.params.uid)).toEqual(['n401']);
    const detail = await cliApi<HitDetailDto>(server.url, `/api/hits/${found.hits[0]?.id}`);
    expect(detail.hit.index).toBe(401);
    const summary = await cliApi<SummaryDto>(server.url, '/api/summary');
    expect(summary.alerts?.[0]?.message).toBe(
      `1 hit in 1 bulk of the data file could not be read (its other hits were), kept in ` +
        join(dataDir, UNREADABLE_FILE_NAME),
    );
    expect(readFileSync(join(dataDir, UNREADABLE_FILE_NAME), 'utf8')).toContain(
      '\n{"userAgent":,\n',
    );
    server.child.kill('SIGTERM');
    expect((await exited(server.child)).code).toBe(0);
  }, 60_000);
});
