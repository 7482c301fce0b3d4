import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportRequestDto } from '../../../shared/api/types';
import { renderApp, type FakeServer } from '../../test-support/render-app';
import { ImportButton } from './import-button';
import { ImportReportDialog } from './import-report-dialog';

afterEach(() => {
  cleanup();
  delete (window as { hitscope?: unknown }).hitscope;
});

function setup(over: Partial<FakeServer> = {}) {
  const server: FakeServer = { details: new Map(), sent: [], calls: [], imports: [], ...over };
  return renderApp(
    <>
      <ImportButton />
      <ImportReportDialog />
    </>,
    { server },
  );
}

/** Picks `file` in the file input the button opened. */
function choose(file: File) {
  const input = document.querySelector<HTMLInputElement>('input[type="file"]');
  expect(input).not.toBeNull();
  Object.defineProperty(input, 'files', { value: [file] });
  fireEvent.change(input as HTMLInputElement);
}

describe('Import…', () => {
  it('sends the chosen file through a file input and lists the lines it skipped', async () => {
    const view = setup({
      importResult: {
        format: 'ndjson',
        requests: 2,
        hits: 3,
        failedRequests: 0,
        skipped: [{ line: 2, reason: 'not JSON (Unexpected token)' }],
        skippedCount: 4,
      },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Import…' }));
    choose(new File(['{"a":1}\nnope\n'], 'hits.ndjson', { type: 'application/x-ndjson' }));
    await waitFor(() => expect(view.server.imports).toHaveLength(1));
    expect(view.server.imports?.[0]).toEqual<ImportRequestDto>({
      content: '{"a":1}\nnope\n',
      name: 'hits.ndjson',
    });
    const dialog = await screen.findByRole('dialog', { name: 'Import finished' });
    expect(dialog.textContent).toContain('Imported 3 hits in 2 requests from hits.ndjson.');
    expect(dialog.textContent).toContain('4 lines skipped.');
    const cells = within(dialog)
      .getAllByRole('cell')
      .map((cell) => cell.textContent);
    expect(cells).toEqual(['2', 'not JSON (Unexpected token)']);
    expect(dialog.textContent).toContain('…and 3 more not listed here.');
    expect(document.querySelector('input[type="file"]')).toBeNull();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('shows why a file was refused in a readable message', async () => {
    setup({
      importError: {
        status: 400,
        code: 'import.format',
        message: 'This file is neither NDJSON nor HAR (line 1 is not JSON).',
      },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Import…' }));
    choose(new File(['time,type\n'], 'hits.csv', { type: 'text/csv' }));
    const dialog = await screen.findByRole('dialog', { name: 'Import failed' });
    expect(within(dialog).getByRole('alert').textContent).toBe(
      'hits.csv could not be imported: This file is neither NDJSON nor HAR (line 1 is not JSON).',
    );
  });

  it('uses the desktop open dialog when the app offers one', async () => {
    const opened: unknown[] = [];
    (window as { hitscope?: unknown }).hitscope = {
      openFile: async (request: unknown) => {
        opened.push(request);
        return { name: 'capture.ndjson', content: '{"method":"GET","path":"/matomo.php"}' };
      },
    };
    const view = setup({
      importResult: {
        format: 'ndjson',
        requests: 1,
        hits: 1,
        failedRequests: 0,
        skipped: [],
        skippedCount: 0,
      },
    });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Import…' }));
    });
    await waitFor(() => expect(view.store.getState().importReport?.result?.hits).toBe(1));
    expect(opened).toHaveLength(1);
    expect(document.querySelector('input[type="file"]')).toBeNull();
    expect(view.server.imports?.[0]?.name).toBe('capture.ndjson');
  });
});

describe('ImportReportDialog', () => {
  it('lists the outcome changes with why, and the masked tokens', async () => {
    const view = setup({
      importResult: {
        format: 'ndjson',
        requests: 2,
        hits: 2,
        failedRequests: 0,
        skipped: [],
        skippedCount: 0,
        changed: [
          {
            line: 2,
            index: 0,
            was: 'recorded',
            now: 'rejected',
            why: 'cip needs a valid token_auth.',
          },
        ],
        changedCount: 1,
        maskedTokens: 1,
      },
    });
    act(() =>
      view.store.getState().finishImport({
        fileName: 'hits.ndjson',
        result: view.server.importResult!,
      }),
    );
    const dialog = await screen.findByRole('dialog', { name: 'Import finished' });
    expect(dialog.textContent).toContain('Imported 2 hits in 2 requests from hits.ndjson.');
    const changes = screen.getByTestId('import-changes');
    expect(changes.textContent).toContain('Outcome changed (1)');
    expect(changes.textContent).toContain('recorded → rejected');
    expect(changes.textContent).toContain('cip needs a valid token_auth.');
    expect(screen.getByTestId('import-masked').textContent).toMatch(/1 hit came with a masked/);
  });
});
