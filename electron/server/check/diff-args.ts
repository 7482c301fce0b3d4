// `hitscope diff` flags: two capture files and the report format.
import { UsageError } from '../cli-args';
import { readFlags } from './flags';

export const DIFF_FORMATS = ['text', 'json', 'junit'] as const;

export interface DiffCommand {
  command: 'diff';
  baseline: string;
  current: string;
  format: (typeof DIFF_FORMATS)[number];
  /** Parameters to leave out besides the volatile ones. */
  ignore: string[];
  sitesFile?: string;
}

export const DIFF_USAGE = `Usage: hitscope diff BASELINE CURRENT [--format text|json|junit] [options]

Compares two captures of the same scenario (NDJSON exports or capture files, HAR files):
hits are paired by site, type and the parameters that name them (an event's category,
action and name, a page view's title), then reported as added, removed or changed, leaving
out the values that change on every page load (r, h/m/s, pv_id, _id, _idts, cdt, gt_ms,
pf_*, …). Exit code 0 when they agree, 1 when they differ, 2 when they cannot be compared.

Options:
  --format FORMAT   text (default), json or junit (one test case per baseline hit)
  --ignore NAMES    More parameters to leave out, comma-separated (e.g. url,urlref)
  --sites FILE      Site profiles (JSON list) for the site-dependent checks
  --help            Show this help
`;

/** Parses the arguments after `diff`. Throws UsageError. */
export function parseDiffArgs(
  argv: readonly string[],
): DiffCommand | { command: 'help'; usage: string } {
  const flags = readFlags(argv, ['format', 'ignore', 'sites']);
  if (flags.help) return { command: 'help', usage: DIFF_USAGE };
  if (flags.positional.length !== 2) {
    throw new UsageError(
      `hitscope diff needs two capture files (baseline, then current), got ${flags.positional.length}.`,
    );
  }
  const format = flags.values.get('format') ?? 'text';
  if (!(DIFF_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format must be one of ${DIFF_FORMATS.join(', ')}, got "${format}".`);
  }
  const ignore = (flags.values.get('ignore') ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const sitesFile = flags.values.get('sites');
  return {
    command: 'diff',
    baseline: flags.positional[0] as string,
    current: flags.positional[1] as string,
    format: format as DiffCommand['format'],
    ignore,
    ...(sitesFile ? { sitesFile } : {}),
  };
}
