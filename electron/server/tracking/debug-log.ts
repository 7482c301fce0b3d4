// The processing log a tracking request gets as its answer in debug mode (debug=1 with the
// on-demand mode, or every request with the always mode): what arrived, every parameter
// as received and as Matomo reads it, the hit type, the outcome with every issue, and the
// answer Matomo would have sent. Matomo's own debug output (docs/tracking-protocol.md#debug) is a raw log dump;
// this one is meant to be read. Pure: analysis in, text out.
import type {
  AnalyzedHit,
  Issue,
  ParamValue,
  PredictedResponse,
  RawRequest,
  RequestAnalysis,
} from '../../../shared/matomo/types';
import { issueCodeSpec } from '../../../shared/matomo/issue-codes';
import { decidingIssue } from '../../../shared/matomo/verdict';

export interface DebugLogInput {
  raw: RawRequest;
  analysis: RequestAnalysis;
  /** Why the log is the answer. */
  trigger: 'debug-param' | 'always';
  /** Where the debug mode was set; the log names it so the user knows where to change it. */
  modeOrigin?: DebugModeOrigin;
  /** Bytes of the GIF Matomo would send, for the description of the answer. */
  gifBytes: number;
  receivedAt: Date;
}

/** Where the current debug mode came from: a command-line flag, Settings, or the default. */
export type DebugModeOrigin = 'command-line' | 'settings' | 'default';

function modeSetIn(mode: 'always' | 'on-demand', origin: DebugModeOrigin | undefined): string {
  if (origin === 'settings') return 'set in Settings';
  if (origin === 'command-line') return `set with --debug ${mode}`;
  if (origin === 'default') return 'the default';
  return `set in Settings or with --debug ${mode}`;
}

const MAX_VALUE = 200;

function clip(text: string): string {
  const flat = text.replace(/[\r\n\t]/g, (c) => (c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
  return flat.length > MAX_VALUE
    ? `${flat.slice(0, MAX_VALUE)}… (${flat.length} characters)`
    : flat;
}

function valueText(value: ParamValue | unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '(ignored)';
  return JSON.stringify(value) ?? String(value);
}

function issueLines(issues: Issue[], indent: string): string[] {
  if (issues.length === 0) return [`${indent}none`];
  return issues.flatMap((issue) => [
    `${indent}[${issue.severity}] ${issue.code}${issue.param ? ` (${issue.param})` : ''}: ${issue.message}`,
    ...(issue.hint ? [`${indent}    fix: ${issue.hint}`] : []),
  ]);
}

function describeAnswer(response: PredictedResponse, gifBytes: number): string[] {
  const lines = [
    `  HTTP ${response.status}${response.contentType ? `, Content-Type: ${response.contentType}` : ''}`,
  ];
  switch (response.bodyKind) {
    case 'gif':
      lines.push(
        `  Body: the ${gifBytes}-byte transparent GIF${response.body ? ' followed by an error text' : ''}`,
      );
      break;
    case 'empty':
      lines.push('  Body: none');
      break;
    default:
      if (response.body) lines.push(`  Body: ${clip(response.body)}`);
  }
  for (const [name, value] of Object.entries(response.headers)) {
    lines.push(`  ${name}: ${value}`);
  }
  return lines;
}

function hitLines(hit: AnalyzedHit, position: number, total: number, inBulk: boolean): string[] {
  const lines = [
    '',
    total > 1 ? `Hit ${position} of ${total} (bulk index ${hit.index})` : 'Hit',
    '  Parameters (as received → as Matomo reads them)',
  ];
  if (hit.occurrences.length === 0) lines.push('    none');
  const width = Math.min(24, Math.max(0, ...hit.occurrences.map((o) => o.name.length)));
  for (const occurrence of hit.occurrences) {
    const effective = hit.params[occurrence.name] === occurrence.value;
    const decoded = hit.decoded[occurrence.name];
    const reading = decoded
      ? decoded.value === undefined
        ? 'ignored by Matomo'
        : clip(decoded.display)
      : 'not a Matomo parameter';
    lines.push(
      `    ${occurrence.name.padEnd(width)} = ${clip(valueText(occurrence.value))}` +
        (effective ? `  → ${reading}` : '  (overridden by a later value)') +
        (occurrence.source !== 'query' ? `  [${occurrence.source}]` : ''),
    );
  }
  const device = hit.device;
  const client = [device.browser, device.browserVersion].filter(Boolean).join(' ');
  const os = [device.os, device.osVersion].filter(Boolean).join(' ');
  lines.push(
    `  Hit type: ${hit.type}${hit.summary ? ` — ${clip(hit.summary)}` : ''}`,
    `  Device: ${device.bot ? `bot${device.botName ? ` (${device.botName})` : ''}` : [client || 'unknown client', os && `on ${os}`, device.device && `(${device.device})`].filter(Boolean).join(' ')}`,
    `  Outcome: ${hit.outcome} — ${inBulk && hit.outcome === 'rejected' ? REJECTED_IN_BULK : OUTCOME_TEXT[hit.outcome]}`,
    `  Decided by: ${decidedBy(hit)}`,
    '  Issues',
    ...issueLines(hit.issues, '    '),
  );
  return lines;
}

/** The rule that stopped the hit, with the Matomo code it comes from when the catalogue names it. */
function decidedBy(hit: AnalyzedHit): string {
  const issue = decidingIssue(hit);
  if (!issue) return 'no rule stops this hit';
  const spec = issueCodeSpec(issue.code);
  const where = spec?.source ? ` (Matomo ${spec.source})` : '';
  return `${issue.code}${issue.param ? ` on ${issue.param}` : ''}${where}`;
}

const OUTCOME_TEXT: Record<AnalyzedHit['outcome'], string> = {
  recorded: 'Matomo would store this hit',
  excluded: 'Matomo would answer success but store nothing',
  rejected: 'Matomo would refuse this hit (HTTP 400) and store nothing',
};

/** A bulk answers for all its entries at once (docs/tracking-protocol.md#bulk-isolation, #bulk-response): no entry gets its own 400. */
const REJECTED_IN_BULK =
  'Matomo would store nothing of this entry: it is listed as invalid, or the bulk was aborted (see the issues)';

export function renderDebugLog(input: DebugLogInput): string {
  const { raw, analysis } = input;
  const { parsed } = analysis;
  const lines = [
    'Hitscope tracking debug log',
    input.trigger === 'always'
      ? `Shown for every request: the debug mode is "always" (${modeSetIn('always', input.modeOrigin)}).`
      : `Shown because the request carries debug=1 (debug mode "on-demand", ${modeSetIn('on-demand', input.modeOrigin)}).`,
    '',
    'Request received',
    `  ${raw.method} ${raw.path}${raw.query ? `?${clip(raw.query)}` : ''}`,
    `  at ${input.receivedAt.toISOString()} from ${raw.remoteAddress || 'an unknown address'}`,
    `  Content-Type: ${raw.headers['content-type'] ?? '(none)'}; body: ${raw.body.length} bytes`,
    `  User-Agent: ${clip(raw.headers['user-agent'] ?? '(none)')}`,
    `  Transport: ${parsed.transport}`,
  ];
  if (parsed.bulk) {
    lines.push(
      `  Bulk: ${parsed.bulk.itemCount} entries sent, ${parsed.bulk.dropped.length} dropped, ${parsed.entries.length} processed` +
        (parsed.bulk.tokenAuth ? ', token_auth in the body' : ''),
    );
  }
  if (parsed.empty) lines.push('  No parameter was sent.');
  lines.push('', 'Request issues', ...issueLines(parsed.issues, '  '));
  analysis.hits.forEach((hit, i) =>
    lines.push(...hitLines(hit, i + 1, analysis.hits.length, parsed.bulk !== null)),
  );
  const counts = { recorded: 0, excluded: 0, rejected: 0 };
  for (const hit of analysis.hits) counts[hit.outcome]++;
  lines.push(
    '',
    `Outcome: ${analysis.hits.length} hit(s): ${counts.recorded} recorded, ${counts.excluded} excluded, ${counts.rejected} rejected`,
    '',
    'Answer Matomo would send without debug',
    ...describeAnswer(analysis.response, input.gifBytes),
    '',
  );
  return lines.join('\n');
}
