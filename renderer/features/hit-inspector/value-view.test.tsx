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

describe('ValueView of a JSON value decoded from its beginning only', () => {
  const item = { sku: 'S0', name: 'Shoe', categories: [], price: 1, quantity: 2 };

  /** ec_items as a reading answer rebuilds it from `raw`, the beginning of 150,000 characters. */
  const renderCut = (raw: string, value: unknown, wholeMembers: number) =>
    render(
      <ValueView
        name="ec_items"
        decoded={{
          name: 'ec_items',
          raw,
          value,
          display: 'cut for reading',
          catalogueKey: 'ec_items',
          cutForReading: { chars: 150_000, decodedChars: raw.length, wholeMembers },
        }}
        spec={findParamSpec('ec_items')}
      />,
    );

  it('says so above the items that beginning holds', () => {
    renderCut('[["S0","Shoe","",1,2],["S1"', [item], 1);
    expect(screen.getByTestId('cut-decoded-note').textContent).toContain(
      'Showing the first 1 item, decoded from the first 27 of its 150,000 characters.',
    );
    expect(screen.getByRole('table')).toBeTruthy();
    expect(document.body.textContent).not.toContain('(ignored)');
  });

  it('says so when not even its first item is whole', () => {
    renderCut('[["S0","Sho', undefined, 0);
    expect(screen.getByTestId('cut-decoded-note').textContent).toContain(
      'Not even its first item is whole in the first 11 of its 150,000 characters.',
    );
    expect(screen.queryByRole('table')).toBeNull();
  });
});
