// Choosing the capture port. Trackers are configured with a fixed URL, so the app never
// moves to another port silently: when the configured port is taken it says so, offers the
// next free one, and the user decides (use it once, use it from now on, or quit).
import { createServer } from 'node:net';
import type { MessageBoxOptions } from 'electron';

/** True when nothing listens on host:port (checked by binding it briefly). */
export function isPortFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', () => resolve(false));
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve(true)));
  });
}

/** The first free port after `busyPort` (up to `attempts` tries), or null. */
export async function findNextFreePort(
  host: string,
  busyPort: number,
  isFree: (host: string, port: number) => Promise<boolean> = isPortFree,
  attempts = 50,
): Promise<number | null> {
  for (let port = busyPort + 1; port <= Math.min(65_535, busyPort + attempts); port++) {
    if (await isFree(host, port)) return port;
  }
  return null;
}

export interface PortAnswer {
  /** Port to start on, or null to quit. */
  port: number | null;
  /** Save the port as the new configured one. */
  remember: boolean;
}

/** The question shown when `busyPort` is taken; without a free port there is only Quit. */
export function portBusyDialog(
  host: string,
  busyPort: number,
  freePort: number | null,
): MessageBoxOptions {
  const message = `Port ${busyPort} is already in use`;
  if (freePort === null)
    return {
      type: 'error',
      title: 'Hitscope',
      message,
      detail: `Another program is listening on ${host}:${busyPort}, and no free port was found near it. Close that program, or set another port, and start Hitscope again.`,
      buttons: ['Quit'],
      defaultId: 0,
      cancelId: 0,
      noLink: true,
    };
  return {
    type: 'warning',
    title: 'Hitscope',
    message,
    detail:
      `Another program (or another copy of Hitscope) is listening on ${host}:${busyPort}, so trackers sending there do not reach this app.\n\n` +
      `Hitscope can capture on port ${freePort} instead: point your trackers at http://${host}:${freePort}/matomo.php.`,
    buttons: [`Use Port ${freePort}`, 'Quit'],
    defaultId: 0,
    cancelId: 1,
    checkboxLabel: `Always use port ${freePort}`,
    checkboxChecked: false,
    noLink: true,
  };
}

/** Reads the user's answer to `portBusyDialog`. */
export function readPortAnswer(
  freePort: number | null,
  result: { response: number; checkboxChecked: boolean },
): PortAnswer {
  if (freePort === null || result.response !== 0) return { port: null, remember: false };
  return { port: freePort, remember: result.checkboxChecked };
}

export interface PortChoiceDeps {
  host: string;
  isFree(host: string, port: number): Promise<boolean>;
  ask(dialog: MessageBoxOptions): Promise<{ response: number; checkboxChecked: boolean }>;
}

/**
 * The port to start on: the configured one when free (or 0, "any free port"), else what the
 * user picks in the dialog; `port: null` means quit.
 */
export async function choosePort(configured: number, deps: PortChoiceDeps): Promise<PortAnswer> {
  if (configured === 0 || (await deps.isFree(deps.host, configured)))
    return { port: configured, remember: false };
  const freePort = await findNextFreePort(deps.host, configured, deps.isFree);
  const result = await deps.ask(portBusyDialog(deps.host, configured, freePort));
  return readPortAnswer(freePort, result);
}

/** True for the error a listen() on a taken port fails with. */
export function isAddressInUse(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { code?: unknown }).code === 'EADDRINUSE'
  );
}

export interface StartOnPortDeps<T> extends PortChoiceDeps {
  start(port: number): Promise<T>;
  /** Saves a port the user chose to keep. */
  remember(port: number): Promise<void>;
}

/**
 * Starts on the configured port or the one the user accepts; null when the user quits.
 * A port can be taken between the check and the listen: that counts as busy and asks again.
 */
export async function startOnChosenPort<T>(
  configured: number,
  deps: StartOnPortDeps<T>,
): Promise<T | null> {
  let port = configured;
  for (let attempt = 0; attempt < 3; attempt++) {
    const answer = await choosePort(port, deps);
    if (answer.port === null) return null;
    if (answer.remember) await deps.remember(answer.port);
    try {
      return await deps.start(answer.port);
    } catch (error) {
      if (!isAddressInUse(error)) throw error;
      port = answer.port;
    }
  }
  throw new Error(`Port ${port} and the ports offered after it were taken while starting`);
}
