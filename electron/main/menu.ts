// The native menu as a plain template (no electron values), so its structure is testable.
// Commands that change what the UI shows (export, import, clear, log pane) go to the
// renderer as MenuCommands through the bridge: the UI owns that state and the same
// actions exist as buttons in a plain browser. Help opens fixed URLs only (doc-links.ts).
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../shared/api/desktop-bridge';
import { DOC_LINKS, DOC_LINK_IDS, type DocLinkId } from './doc-links';

export interface MenuActions {
  sendCommand(command: MenuCommand): void;
  openDataFolder(): void;
  openDocumentation(id: DocLinkId): void;
  showAbout(): void;
}

export interface MenuOptions {
  platform: NodeJS.Platform;
  /** Development build: adds reload and the developer tools. */
  development: boolean;
  appName: string;
}

const separator: MenuItemConstructorOptions = { type: 'separator' };

function fileMenu(options: MenuOptions, actions: MenuActions): MenuItemConstructorOptions {
  return {
    label: '&File',
    submenu: [
      {
        label: 'Export Hits…',
        accelerator: 'CmdOrCtrl+E',
        click: () => actions.sendCommand('export-hits'),
      },
      {
        label: 'Import…',
        accelerator: 'CmdOrCtrl+O',
        click: () => actions.sendCommand('import-hits'),
      },
      separator,
      { label: 'Open Data Folder', click: () => actions.openDataFolder() },
      separator,
      {
        label: 'Clear',
        accelerator: 'CmdOrCtrl+Shift+K',
        click: () => actions.sendCommand('clear-hits'),
      },
      ...(options.platform === 'darwin'
        ? []
        : [separator, { role: 'quit' } satisfies MenuItemConstructorOptions]),
    ],
  };
}

const editMenu: MenuItemConstructorOptions = {
  label: '&Edit',
  submenu: [
    { role: 'undo' },
    { role: 'redo' },
    separator,
    { role: 'cut' },
    { role: 'copy' },
    { role: 'paste' },
    { role: 'selectAll' },
  ],
};

function viewMenu(options: MenuOptions, actions: MenuActions): MenuItemConstructorOptions {
  const development: MenuItemConstructorOptions[] = options.development
    ? [separator, { role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }]
    : [];
  return {
    label: '&View',
    submenu: [
      {
        label: 'Toggle Log Pane',
        accelerator: 'CmdOrCtrl+L',
        click: () => actions.sendCommand('toggle-log-pane'),
      },
      separator,
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      separator,
      { role: 'togglefullscreen' },
      ...development,
    ],
  };
}

function helpMenu(options: MenuOptions, actions: MenuActions): MenuItemConstructorOptions {
  return {
    label: '&Help',
    role: 'help',
    submenu: [
      ...DOC_LINK_IDS.map((id) => ({
        label: DOC_LINKS[id].label,
        click: () => actions.openDocumentation(id),
      })),
      separator,
      { label: `About ${options.appName}`, click: () => actions.showAbout() },
    ],
  };
}

export function buildMenuTemplate(
  options: MenuOptions,
  actions: MenuActions,
): MenuItemConstructorOptions[] {
  const appMenu: MenuItemConstructorOptions[] =
    options.platform === 'darwin' ? [{ role: 'appMenu' }] : [];
  return [
    ...appMenu,
    fileMenu(options, actions),
    editMenu,
    viewMenu(options, actions),
    helpMenu(options, actions),
  ];
}

/** Text of the About box. */
export function aboutText(info: { appName: string; version: string; trackerUrl: string }): {
  message: string;
  detail: string;
} {
  return {
    message: `${info.appName} ${info.version}`,
    detail: [
      'A debugger for Matomo and Piwik tracking requests.',
      `Trackers send hits to ${info.trackerUrl}`,
      `Electron ${process.versions.electron ?? '?'}, Chromium ${process.versions.chrome ?? '?'}, Node.js ${process.versions.node}`,
    ].join('\n'),
  };
}
