import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import type { MenuCommand } from '../../shared/api/desktop-bridge';
import { DOC_LINKS, DOC_LINK_IDS, docLinkUrl, type DocLinkId } from './doc-links';
import { aboutText, buildMenuTemplate, type MenuActions, type MenuOptions } from './menu';

function actions() {
  return {
    sendCommand: vi.fn<(command: MenuCommand) => void>(),
    openDataFolder: vi.fn<() => void>(),
    openDocumentation: vi.fn<(id: DocLinkId) => void>(),
    showAbout: vi.fn<() => void>(),
  } satisfies MenuActions;
}

const linux: MenuOptions = { platform: 'linux', development: false, appName: 'Hitscope' };

function submenu(
  template: MenuItemConstructorOptions[],
  label: string,
): MenuItemConstructorOptions[] {
  const menu = template.find((item) => item.label?.replace('&', '') === label);
  if (!menu || !Array.isArray(menu.submenu)) throw new Error(`no ${label} menu`);
  return menu.submenu;
}

function item(items: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions {
  const found = items.find((i) => i.label === label);
  if (!found) throw new Error(`no item ${label}`);
  return found;
}

function click(entry: MenuItemConstructorOptions): void {
  (entry.click as () => void)();
}

describe('buildMenuTemplate', () => {
  it('has File, Edit, View and Help menus (and the app menu on macOS only)', () => {
    const labels = (o: MenuOptions) =>
      buildMenuTemplate(o, actions()).map((m) => m.label ?? m.role);
    expect(labels(linux)).toEqual(['&File', '&Edit', '&View', '&Help']);
    expect(labels({ ...linux, platform: 'darwin' })).toEqual([
      'appMenu',
      '&File',
      '&Edit',
      '&View',
      '&Help',
    ]);
  });

  it('File sends export, import and clear to the UI and opens the data folder in main', () => {
    const a = actions();
    const file = submenu(buildMenuTemplate(linux, a), 'File');
    click(item(file, 'Export Hits…'));
    click(item(file, 'Import…'));
    click(item(file, 'Clear'));
    expect(a.sendCommand.mock.calls.map((c) => c[0])).toEqual([
      'export-hits',
      'import-hits',
      'clear-hits',
    ]);
    click(item(file, 'Open Data Folder'));
    expect(a.openDataFolder).toHaveBeenCalledTimes(1);
    expect(file.some((i) => i.role === 'quit')).toBe(true);
  });

  it('View toggles the log pane and zooms; developer tools only in development', () => {
    const a = actions();
    const view = submenu(buildMenuTemplate(linux, a), 'View');
    click(item(view, 'Toggle Log Pane'));
    expect(a.sendCommand).toHaveBeenCalledWith('toggle-log-pane');
    const roles = view.map((i) => i.role).filter(Boolean);
    expect(roles).toEqual(expect.arrayContaining(['zoomIn', 'zoomOut', 'resetZoom']));
    expect(roles).not.toContain('toggleDevTools');
    const devRoles = submenu(buildMenuTemplate({ ...linux, development: true }, a), 'View').map(
      (i) => i.role,
    );
    expect(devRoles).toContain('toggleDevTools');
  });

  it('Edit offers the standard clipboard roles', () => {
    const roles = submenu(buildMenuTemplate(linux, actions()), 'Edit').map((i) => i.role);
    expect(roles).toEqual(
      expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']),
    );
  });

  it('Help opens documentation by fixed key and shows About', () => {
    const a = actions();
    const help = submenu(buildMenuTemplate(linux, a), 'Help');
    for (const id of DOC_LINK_IDS) click(item(help, DOC_LINKS[id].label));
    expect(a.openDocumentation.mock.calls.map((c) => c[0])).toEqual(DOC_LINK_IDS);
    click(item(help, 'About Hitscope'));
    expect(a.showAbout).toHaveBeenCalledTimes(1);
  });
});

describe('doc links', () => {
  it('are fixed https URLs on Matomo documentation sites', () => {
    for (const id of DOC_LINK_IDS) {
      const url = new URL(docLinkUrl(id));
      expect(url.protocol).toBe('https:');
      expect(['developer.matomo.org', 'matomo.org']).toContain(url.hostname);
    }
  });

  it('refuse keys outside the table', () => {
    expect(() => docLinkUrl('https://evil.test' as never)).toThrow(/unknown documentation link/);
  });
});

describe('aboutText', () => {
  it('shows the version and the tracker URL', () => {
    const text = aboutText({
      appName: 'Hitscope',
      version: '1.2.3',
      trackerUrl: 'http://127.0.0.1:8765/matomo.php',
    });
    expect(text.message).toBe('Hitscope 1.2.3');
    expect(text.detail).toContain('http://127.0.0.1:8765/matomo.php');
  });
});
