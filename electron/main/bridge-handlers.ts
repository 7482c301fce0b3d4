// Main-process side of the desktop bridge: one `ipcMain.handle` per invoke channel of the
// contract in shared/api/desktop-bridge.ts.
//
// Threat model: IPC is the only way from a renderer into the privileged main process, so
// every handler first checks who is calling. Only the top frame of a page on the app
// origin is served; a frame on any other origin (a navigation that slipped through, an
// iframe, a devtools page) is refused before anything happens. Arguments are then checked
// as untrusted input (bridge-input.ts). Handlers write only where the user chose in a
// native dialog, read only what the user picked, and reveal only the fixed data folder.
import { readFile, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { app, dialog, ipcMain, shell } from 'electron';
import type {
  BrowserWindow,
  IpcMainInvokeEvent,
  OpenDialogOptions,
  SaveDialogOptions,
} from 'electron';
import {
  DESKTOP_INVOKE_CHANNELS,
  type AppInfo,
  type DesktopInvokeName,
  type DesktopInvokeResult,
} from '../../shared/api/desktop-bridge';
import { isAppUrl } from './app-origin';
import {
  BridgeInputError,
  MAX_BRIDGE_FILE_BYTES,
  formatMiB,
  parseOpenFileRequest,
  parseSaveFileRequest,
} from './bridge-input';

export interface BridgeContext {
  /** Origin of the capture server (null before it runs: then every call is refused). */
  appOrigin(): string | null;
  /** Window that owns the dialogs. */
  window(): BrowserWindow | null;
  appInfo(): AppInfo;
  /** Called with a short reason whenever a call is refused. */
  onRefused?(channel: string, reason: string): void;
}

export class UntrustedSenderError extends Error {
  override name = 'UntrustedSenderError';
}

/** Why a sender is not trusted, or null when it is the app's own top frame. */
export function senderProblem(event: IpcMainInvokeEvent, appOrigin: string | null): string | null {
  if (appOrigin === null) return 'the app is not ready';
  let frame;
  try {
    frame = event.senderFrame;
    if (frame === null) return 'the sending frame is gone';
    if (frame.parent !== null) return 'the sender is a subframe';
    if (frame.origin !== appOrigin || !isAppUrl(frame.url, appOrigin))
      return `the sender's origin ${JSON.stringify(frame.origin)} is not the app origin`;
  } catch {
    // Accessing a frame that navigated away or was destroyed throws.
    return 'the sending frame is gone';
  }
  return null;
}

type Handler<K extends DesktopInvokeName> = (
  event: IpcMainInvokeEvent,
  arg: unknown,
) => Promise<DesktopInvokeResult<K>>;

function handle<K extends DesktopInvokeName>(
  name: K,
  context: BridgeContext,
  handler: Handler<K>,
): void {
  const channel = DESKTOP_INVOKE_CHANNELS[name];
  ipcMain.handle(channel, async (event, arg: unknown) => {
    const problem = senderProblem(event, context.appOrigin());
    if (problem !== null) {
      context.onRefused?.(channel, problem);
      throw new UntrustedSenderError(`${name} refused: ${problem}`);
    }
    return handler(event, arg);
  });
}

function dialogParent(context: BridgeContext): BrowserWindow | null {
  const win = context.window();
  return win && !win.isDestroyed() ? win : null;
}

async function saveFile(context: BridgeContext, arg: unknown) {
  const request = parseSaveFileRequest(arg);
  const options: SaveDialogOptions = {
    title: 'Save',
    defaultPath: join(app.getPath('downloads'), request.suggestedName),
    filters: request.filters,
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
  const parent = dialogParent(context);
  const result = parent
    ? await dialog.showSaveDialog(parent, options)
    : await dialog.showSaveDialog(options);
  if (result.canceled || !result.filePath) return null;
  await writeFile(result.filePath, request.content, 'utf8');
  return { name: basename(result.filePath) };
}

async function openFile(context: BridgeContext, arg: unknown) {
  const request = parseOpenFileRequest(arg);
  const options: OpenDialogOptions = {
    title: 'Open',
    filters: request.filters,
    properties: ['openFile'],
  };
  const parent = dialogParent(context);
  const result = parent
    ? await dialog.showOpenDialog(parent, options)
    : await dialog.showOpenDialog(options);
  const path = result.filePaths[0];
  if (result.canceled || path === undefined) return null;
  const { size } = await stat(path);
  if (size > MAX_BRIDGE_FILE_BYTES)
    throw new BridgeInputError(
      `${basename(path)} is ${formatMiB(size)}; the desktop app opens files up to ${formatMiB(MAX_BRIDGE_FILE_BYTES)}`,
    );
  return { name: basename(path), content: await readFile(path, 'utf8') };
}

/** Registers the handler of every invoke channel of the contract. */
export function registerBridgeHandlers(context: BridgeContext): void {
  handle('saveFile', context, (_event, arg) => saveFile(context, arg));
  handle('openFile', context, (_event, arg) => openFile(context, arg));
  handle('revealDataFolder', context, async () => {
    // A fixed path chosen by main, never a value from the renderer.
    shell.showItemInFolder(context.appInfo().dataDir);
  });
  handle('appInfo', context, async () => context.appInfo());
}

/** Removes the handlers (tests, or before registering again). */
export function removeBridgeHandlers(): void {
  for (const channel of Object.values(DESKTOP_INVOKE_CHANNELS)) ipcMain.removeHandler(channel);
}
