import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DESKTOP_BRIDGE_KEY } from '../../../shared/api/desktop-bridge';
import { compileQuery } from '../../lib/query/compile-query';
import { renderApp } from '../../test-support/render-app';
import { ExportMenu } from './export-menu';

/** Opens the menu and answers the labels of its items. */
function openMenu(): string[] {
  fireEvent.click(screen.getByRole('button', { name: 'Export ▾' }));
  return screen.getAllByRole('menuitem').map((item) => item.textContent ?? '');
}

/** Clicks a menu item in the browser and answers the URL of the download it starts. */
function downloadOf(label: string): URL {
  const hrefs: string[] = [];
  const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
    this: HTMLAnchorElement,
  ) {
    hrefs.push(this.href);
  });
  fireEvent.click(screen.getByRole('menuitem', { name: label }));
  click.mockRestore();
  expect(hrefs).toHaveLength(1);
  return new URL(hrefs[0] ?? '', 'http://hitscope.test');
}

afterEach(() => {
  cleanup();
  delete (window as unknown as Record<string, unknown>)[DESKTOP_BRIDGE_KEY];
});

describe('ExportMenu', () => {
  it('closes on Escape and gives the focus back to its button', () => {
    renderApp(<ExportMenu shown={12} query={compileQuery('')} />);
    openMenu();
    fireEvent.keyDown(screen.getByRole('menuitem', { name: 'All hits as HAR' }), {
      key: 'Escape',
    });
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Export ▾' }));
  });

  it('moves through its items with the arrow keys, Home and End, from its button on', () => {
    renderApp(<ExportMenu shown={12} query={compileQuery('')} />);
    openMenu();
    screen.getByRole('button', { name: 'Export ▾' }).focus();
    // Each key, and the item it leaves the focus on.
    const steps = [
      ['ArrowDown', 'All hits as NDJSON'],
      ['ArrowDown', 'All hits as HAR'],
      ['End', 'All hits as CSV'],
      ['ArrowDown', 'All hits as NDJSON'],
      ['ArrowUp', 'All hits as CSV'],
      ['Home', 'All hits as NDJSON'],
    ];
    const reached = steps.map(([key]) => {
      fireEvent.keyDown(document.activeElement!, { key });
      return document.activeElement?.textContent;
    });
    expect(reached).toEqual(steps.map(([, item]) => item));
  });

  it('closes when the focus leaves it', () => {
    renderApp(
      <>
        <ExportMenu shown={12} query={compileQuery('')} />
        <button type="button">Import…</button>
      </>,
    );
    openMenu();
    screen.getByRole('menuitem', { name: 'All hits as CSV' }).focus();
    act(() => screen.getByRole('button', { name: 'Import…' }).focus());
    expect(screen.queryByRole('menu')).toBeNull();
  });

  it('offers only the full export while nothing narrows the table', () => {
    renderApp(<ExportMenu shown={12} query={compileQuery('')} />);
    expect(openMenu()).toEqual(['All hits as NDJSON', 'All hits as HAR', 'All hits as CSV']);
    const url = downloadOf('All hits as CSV');
    expect(url.pathname).toBe('/api/export');
    expect([...url.searchParams]).toEqual([['format', 'csv']]);
  });

  it('exports the shown hits with the search and quick filters as the table applies them', () => {
    const { store } = renderApp(
      <ExportMenu shown={3} query={compileQuery('type:event e_c:Video -"free text"')} />,
    );
    act(() => {
      store.getState().toggleOutcome('rejected');
      store.getState().toggleOutcome('excluded');
      store.getState().setSiteFilter(3);
      store.getState().setIssuesOnly(true);
    });
    expect(openMenu()).toEqual([
      'All hits as NDJSON',
      'All hits as HAR',
      'All hits as CSV',
      'Shown hits (3) as NDJSON',
      'Shown hits (3) as HAR',
      'Shown hits (3) as CSV',
    ]);
    const url = downloadOf('Shown hits (3) as HAR');
    expect(url.pathname).toBe('/api/export');
    expect(url.searchParams.getAll('outcome')).toEqual(['rejected', 'excluded']);
    expect(url.searchParams.get('idsite')).toBe('3');
    expect(url.searchParams.get('hasIssues')).toBe('1');
    expect(url.searchParams.get('query')).toBe('type:event e_c:Video -"free text"');
    expect(url.searchParams.get('format')).toBe('har');
    expect(url.searchParams.has('type')).toBe(false);
  });

  it('offers the shown hits for a quick filter alone', () => {
    const { store } = renderApp(<ExportMenu shown={1} query={compileQuery('')} />);
    act(() => store.getState().setTypeFilter('ecommerce_order'));
    openMenu();
    const url = downloadOf('Shown hits (1) as NDJSON');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      type: 'ecommerce_order',
      format: 'ndjson',
    });
  });

  it('disables the shown items while the search has a term the server would refuse', () => {
    renderApp(<ExportMenu shown={5} query={compileQuery('type:banana e_c:Video')} />);
    openMenu();
    const item = screen.getByRole<HTMLButtonElement>('menuitem', { name: 'Shown hits (5) as CSV' });
    expect(item.disabled).toBe(true);
    expect(item.title).toContain('"banana" is not one of');
  });

  it('disables them when the table shows no hit (the failed chip alone)', () => {
    const { store } = renderApp(<ExportMenu shown={0} query={compileQuery('')} />);
    act(() => store.getState().showFailedOnly());
    openMenu();
    const item = screen.getByRole<HTMLButtonElement>('menuitem', { name: 'Shown hits (0) as CSV' });
    expect(item.disabled).toBe(true);
  });

  it('saves the same selection through the desktop dialog', async () => {
    const saveFile = vi.fn().mockResolvedValue({ name: 'shown.ndjson' });
    (window as unknown as Record<string, unknown>)[DESKTOP_BRIDGE_KEY] = { saveFile };
    const { client } = renderApp(<ExportMenu shown={2} query={compileQuery('outcome:rej')} />);
    const exportText = vi.spyOn(client, 'exportText').mockResolvedValue('{"id":"a"}\n');
    openMenu();
    await act(async () => {
      fireEvent.click(screen.getByRole('menuitem', { name: 'Shown hits (2) as NDJSON' }));
    });
    expect(exportText).toHaveBeenCalledWith('ndjson', { query: 'outcome:rej' });
    expect(saveFile).toHaveBeenCalledWith(expect.objectContaining({ content: '{"id":"a"}\n' }));
  });
});
