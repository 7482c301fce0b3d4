// Reads the flags of `hitscope check` and `hitscope diff`: `--name value`, `--name=value` and
// switches, each at most once, with the positional arguments kept in order. Errors are
// UsageError (exit 2), worded like the ones of `hitscope serve`.
import { UsageError } from '../cli-args';

export interface ReadFlags {
  values: Map<string, string>;
  switches: Set<string>;
  positional: string[];
  help: boolean;
}

export function readFlags(
  argv: readonly string[],
  valueFlags: readonly string[],
  switchFlags: readonly string[] = [],
): ReadFlags {
  const values = new Map<string, string>();
  const switches = new Set<string>();
  const positional: string[] = [];
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--help' || arg === '-h') {
      help = true;
      continue;
    }
    if (!arg.startsWith('--') || arg === '--') {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
    if (switchFlags.includes(name) && eq < 0) {
      if (switches.has(name)) throw new UsageError(`--${name} is given twice.`);
      switches.add(name);
      continue;
    }
    if (!valueFlags.includes(name)) throw new UsageError(`Unknown option --${name}.`);
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || (eq < 0 && value.startsWith('--'))) {
      throw new UsageError(`--${name} needs a value.`);
    }
    if (values.has(name)) throw new UsageError(`--${name} is given twice.`);
    if (value.trim() === '') throw new UsageError(`--${name} must not be empty.`);
    values.set(name, value.trim());
  }
  return { values, switches, positional, help };
}
