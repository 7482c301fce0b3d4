import { act, cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { SummaryDto } from '../../../shared/api/types';
import { StreamBatcher } from '../../store/stream-batcher';
import { makeSummary } from '../../test-support/hit-factory';
import { renderApp } from '../../test-support/render-app';
import { DataAlertsBanner } from './data-alerts-banner';

afterEach(cleanup);

const summary: SummaryDto = makeSummary({ maxHits: 100, alerts: [] });

describe('DataAlertsBanner', () => {
  it('shows a refused write as an alert and set-aside records as a status, and goes away when cleared', () => {
    const view = renderApp(<DataAlertsBanner />);
    const batcher = new StreamBatcher(view.store, (flush) => flush());
    expect(screen.queryByTestId('data-alerts')).toBeNull();
    act(() =>
      batcher.push({
        type: 'summary',
        summary: {
          ...summary,
          alerts: [
            { kind: 'write-failed', message: 'New requests cannot be stored: the disk is full.' },
            {
              kind: 'unreadable-records',
              message: '12 records of the data file could not be read, kept in /d/x.txt',
              file: '/d/x.txt',
            },
          ],
        },
      }),
    );
    expect(screen.getByRole('alert').textContent).toBe(
      'Capturing is paused. New requests cannot be stored: the disk is full.',
    );
    expect(screen.getByRole('status').textContent).toContain(
      '12 records of the data file could not be read, kept in /d/x.txt',
    );
    act(() => batcher.push({ type: 'summary', summary }));
    expect(screen.queryByTestId('data-alerts')).toBeNull();
  });
});
