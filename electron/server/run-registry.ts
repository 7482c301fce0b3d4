// The runs created through the API (`POST /api/runs`), kept in `runs.json` in the data dir so
// a run's name and plan outlive a restart. A run also exists without being created: hits
// sent to `/run/<id>/…` join it, and the registry notes it when they arrive. The list is
// bounded: past MAX_RUNS, the oldest run is forgotten (its hits stay, still tagged). Clearing
// the capture forgets the runs that were only seen; created runs stay, with no hits.
import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FILE_MODE } from './storage/data-dir';

export const RUNS_FILE_NAME = 'runs.json';
export const MAX_RUNS = 1_000;

export interface RunRecord {
  id: string;
  name: string;
  createdAt: string;
  plan?: unknown;
}

export interface RunRegistry {
  list(): RunRecord[];
  get(id: string): RunRecord | undefined;
  /** Creates a run; throws when `id` is taken. */
  create(fields: { id?: string; name?: string; plan?: unknown }): RunRecord;
  /** Notes a run seen in a hit (no-op when known). */
  seen(id: string, at: string): void;
  remove(id: string): boolean;
  /**
   * After the capture was cleared: runs known only from their hits are forgotten with them;
   * created runs keep their name and plan (a test may still be using them) and have no hits.
   */
  forgetSeen(): void;
}

export class RunTakenError extends Error {
  override name = 'RunTakenError';
}

function newRunId(): string {
  return `r-${randomBytes(6).toString('hex')}`;
}

function readRuns(file: string): RunRecord[] {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { runs?: unknown };
    if (!Array.isArray(parsed.runs)) return [];
    return parsed.runs.filter(
      (run): run is RunRecord =>
        typeof run === 'object' &&
        run !== null &&
        typeof (run as RunRecord).id === 'string' &&
        typeof (run as RunRecord).name === 'string' &&
        typeof (run as RunRecord).createdAt === 'string',
    );
  } catch {
    return [];
  }
}

/** The registry of `dataDir`; without one (tests), runs live in memory only. */
export function createRunRegistry(dataDir?: string): RunRegistry {
  const file = dataDir ? join(dataDir, RUNS_FILE_NAME) : null;
  const runs = new Map<string, RunRecord>();
  /** Runs created through the API (saved); the others were only seen in hits. */
  const created = new Set<string>();
  for (const run of file ? readRuns(file) : []) {
    runs.set(run.id, run);
    created.add(run.id);
  }

  const save = () => {
    if (!file) return;
    const list = [...runs.values()].filter((run) => created.has(run.id));
    const temp = `${file}.tmp`;
    writeFileSync(temp, JSON.stringify({ runs: list }), { mode: FILE_MODE });
    renameSync(temp, file);
  };

  const add = (run: RunRecord) => {
    runs.set(run.id, run);
    while (runs.size > MAX_RUNS) {
      const oldest = runs.keys().next().value as string;
      runs.delete(oldest);
      created.delete(oldest);
    }
  };

  return {
    list: () => [...runs.values()].reverse(),
    get: (id) => runs.get(id),
    create(fields) {
      const id = fields.id ?? newRunId();
      if (runs.has(id)) throw new RunTakenError(`A run with id "${id}" exists already.`);
      const run: RunRecord = { id, name: fields.name ?? '', createdAt: new Date().toISOString() };
      if (fields.plan !== undefined) run.plan = fields.plan;
      add(run);
      created.add(id);
      save();
      return run;
    },
    seen(id, at) {
      if (!runs.has(id)) add({ id, name: '', createdAt: at });
    },
    remove(id) {
      const had = runs.delete(id);
      if (created.delete(id)) save();
      return had;
    },
    forgetSeen() {
      for (const id of [...runs.keys()]) if (!created.has(id)) runs.delete(id);
    },
  };
}
