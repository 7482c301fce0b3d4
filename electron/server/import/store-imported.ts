// Stores imported requests like captured ones: analysed again with the current settings and
// limits at the time they arrived, refused requests recorded as failed with the refusal the
// tracking endpoint would give, every request marked as imported (a field and an info issue
// on the request record).
import type {
  HitDto,
  ImportChangeDto,
  ImportedFromDto,
  LimitsDto,
  RequestRecordDto,
} from '../../../shared/api/types';
import { isTokenName } from '../../../shared/api/token-mask';
import type { Issue, RawRequest } from '../../../shared/matomo/types';
import type { AdminContext } from '../contracts';
import { responseRecord, toDtos } from '../dto';
import { refusalAfterAnalysis, refusedRequest } from '../tracking/refused-request';
import { refusals, type Refusal } from '../tracking/refusals';
import type { ImportItem, RecordedExchange } from './import-item';

const SOURCE_WORDS: Record<ImportedFromDto['source'], string> = {
  hit: 'an exported hit',
  har: 'a HAR entry',
  capture: 'a captured request',
};

export interface StoreTotals {
  requests: number;
  hits: number;
  failedRequests: number;
}

function importedIssue(item: ImportItem, from: ImportedFromDto): Issue {
  const where =
    item.place.entry !== undefined
      ? `entry ${item.place.entry}`
      : `line${(item.place.lines?.length ?? 0) > 1 ? 's' : ''} ${(item.place.lines ?? []).join(', ')}`;
  const file = from.file ? `"${from.file}"` : 'a file';
  const message = [
    `Imported from ${file} (${where}, ${SOURCE_WORDS[from.source]}) at ${from.importedAt} and analysed again with the current settings.`,
    ...item.notes,
  ].join(' ');
  return { code: 'request.imported', severity: 'info', message };
}

/**
 * Why the new analysis gives this outcome: for a hit no longer recorded, its first error (else
 * its first warning); a hit recorded now has no issue that explains it.
 */
function reasonOf(hit: HitDto): string {
  const issue =
    hit.outcome === 'recorded'
      ? undefined
      : (hit.issues.find((i) => i.severity === 'error') ??
        hit.issues.find((i) => i.severity === 'warning'));
  return (
    issue?.message ??
    'The settings differ, or the file lacks what decided it (request headers, a bulk’s token_auth).'
  );
}

/**
 * Exported hits carry the outcome they had: say when the new analysis differs (changed site
 * profiles, or what an export cannot carry: request headers, a bulk's token_auth).
 */
function noteChangedOutcomes(
  issue: Issue,
  item: ImportItem,
  hits: readonly HitDto[],
): ImportChangeDto[] {
  const before = item.outcomes;
  if (!before) return [];
  const changes = hits
    .map((hit, i) => ({ hit, was: before[i] ?? null }))
    .filter(({ hit, was }) => was !== null && was !== hit.outcome)
    .map(({ hit, was }) => ({
      ...(item.place.entry !== undefined ? { entry: item.place.entry } : {}),
      ...(item.place.lines?.[0] !== undefined ? { line: item.place.lines[0] } : {}),
      index: hit.index,
      was: was!,
      now: hit.outcome,
      why: reasonOf(hit),
    }));
  if (changes.length === 0) return [];
  const said = changes.map((c) => `hit ${c.index}: ${c.was} in the file, ${c.now} now`);
  issue.severity = 'warning';
  issue.message += ` The outcome changed (${said.join('; ')}): the settings differ, or the file lacks what decided it (request headers, a bulk's token_auth).`;
  return changes;
}

/** A token_auth that is a mask (`********` from an export, `••••••••` from a copy). */
const MASK = /^(\*{4,}|•{4,})$/;

function maskedTokenCount(hits: readonly HitDto[]): number {
  return hits.filter((hit) =>
    Object.entries(hit.params).some(
      ([name, value]) => isTokenName(name) && typeof value === 'string' && MASK.test(value),
    ),
  ).length;
}

/** The browser's recorded answer in place of the predicted one, said on the import note. */
function keepRecorded(request: RequestRecordDto, recorded: RecordedExchange, issue: Issue): void {
  const predicted = request.response.status;
  request.response = {
    status: recorded.status,
    headers: recorded.headers,
    contentType: recorded.contentType,
    body: recorded.body,
    bodyKind: request.response.bodyKind,
    durationMs: recorded.durationMs,
  };
  issue.message += ` The answer shown is the one the browser recorded (HTTP ${recorded.status} in ${recorded.durationMs} ms)${predicted !== recorded.status ? `; Matomo 5 would answer ${predicted}` : ''}.`;
}

/** The refusal the tracking endpoint would give before or after analysis (tracking-handler.ts). */
function refusalBefore(raw: RawRequest, limits: LimitsDto): Refusal | null {
  const url = raw.query ? `${raw.path}?${raw.query}` : raw.path;
  if (url.length > limits.maxUrlLength) return refusals.urlTooLong(url.length, limits.maxUrlLength);
  if (raw.body.length > limits.maxBodyBytes) {
    return refusals.bodyTooLarge(raw.body.length, limits.maxBodyBytes);
  }
  return null;
}

/**
 * A request the browser never got an answer for is not a hit Matomo saw: it is stored as
 * failed, with the browser's reason (a filterable failed row, not a made-up answer).
 */
const wasNotSent = (
  recorded: ImportItem['recorded'],
): recorded is NonNullable<ImportItem['recorded']> =>
  recorded != null && (recorded.status === 0 || recorded.error !== null);

/** When an imported request arrived: its own time, else the import's. */
const receivedAtOf = (item: ImportItem, from: ImportedFromDto): Date =>
  item.receivedAt ?? new Date(from.importedAt);

/**
 * importedDtos for the server: the request is analysed between turns of the event loop, as a
 * captured one is (a single imported request may carry megabytes), then stored the same way.
 */
export async function importedDtosInSlices(
  ctx: Pick<AdminContext, 'analyze' | 'analyzeInSlices' | 'nextId'>,
  item: ImportItem,
  from: ImportedFromDto,
  limits: LimitsDto,
): Promise<ReturnType<typeof importedDtos>> {
  if (
    wasNotSent(item.recorded) ||
    refusalBefore(item.raw, limits) ||
    ctx.analyzeInSlices === undefined
  ) {
    return importedDtos(ctx, item, from, limits);
  }
  const receivedAt = receivedAtOf(item, from);
  let analyze: AdminContext['analyze'];
  try {
    const analysis = await ctx.analyzeInSlices(item.raw, receivedAt.getTime());
    analyze = () => analysis;
  } catch (error) {
    analyze = () => {
      throw error;
    };
  }
  return importedDtos({ ...ctx, analyze }, item, from, limits);
}

/**
 * The stored DTOs of one imported request (or, for `hitscope check --file`, the DTOs a
 * capture file's request would have). `limits` are the settings' limits, read once per
 * import by the caller (reading the settings copies all of them).
 */
export function importedDtos(
  ctx: Pick<AdminContext, 'analyze' | 'nextId'>,
  item: ImportItem,
  from: ImportedFromDto,
  limits: LimitsDto,
): { request: RequestRecordDto; hits: HitDto[]; changes: ImportChangeDto[]; maskedTokens: number } {
  const id = ctx.nextId();
  let changes: ImportChangeDto[] = [];
  const receivedAt = receivedAtOf(item, from);
  const issue = importedIssue(item, from);
  const raw = item.raw;
  const recorded = item.recorded;
  let refusal = wasNotSent(recorded)
    ? refusals.notSent(recorded.error)
    : refusalBefore(raw, limits);
  let dtos: { request: RequestRecordDto; hits: HitDto[] } | null = null;
  if (!refusal) {
    try {
      const analysis = ctx.analyze(raw, receivedAt.getTime());
      refusal = refusalAfterAnalysis(analysis, limits);
      if (!refusal) {
        const response = responseRecord(analysis.response, 0);
        dtos = toDtos(raw, analysis, { id, receivedAt, response, issues: [issue] });
        changes = noteChangedOutcomes(issue, item, dtos.hits);
        if (recorded) keepRecorded(dtos.request, recorded, issue);
      }
    } catch (error) {
      refusal = refusals.analysisFailed((error as Error).message);
    }
  }
  if (!dtos) {
    const { record } = refusedRequest(raw, refusal as Refusal, {
      id,
      receivedAt,
      issues: [issue],
      durationMs: recorded?.durationMs ?? 0,
    });
    dtos = { request: record, hits: [] };
  }
  dtos.request.imported = from;
  for (const hit of dtos.hits) {
    hit.imported = true;
    hit.status = dtos.request.response.status;
  }
  const maskedTokens = maskedTokenCount(dtos.hits);
  if (maskedTokens > 0) {
    issue.severity = 'warning';
    issue.message +=
      ' Its token_auth is a mask from an export or a copy, not the token: what needs the token (cip, cdt, …) was checked without it.';
  }
  return { ...dtos, changes, maskedTokens };
}
