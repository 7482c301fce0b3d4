// Runs the `hitscope` CLI in-process (main()) and collects what it prints.
import { main, type CliIo } from '../../electron/server/cli';

export async function runCli(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: { write: (text: string) => out.push(text) },
    stderr: { write: (text: string) => err.push(text) },
    env,
  };
  const code = await main(argv, io);
  return { code, out: out.join(''), err: err.join('') };
}
