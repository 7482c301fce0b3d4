import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { findParamSpec } from '../../../shared/matomo/params';
import { ValueView } from './value-view';

afterEach(cleanup);

describe('ValueView of a Unix timestamp', () => {
  it('reads _refts=0 as not set, not as a day in 1970', () => {
    render(
      <ValueView
        name="_refts"
        decoded={{ raw: '0', value: 0, display: '0' } as never}
        spec={findParamSpec('_refts')}
      />,
    );
    expect(screen.getByText('not set (0)')).toBeTruthy();
    expect(document.body.textContent).not.toContain('1970');
  });
});
