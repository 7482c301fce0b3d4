import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { ItemsEditor } from './items-editor';

let lastTotal = '';
function Harness({ initial }: { initial: string }) {
  const [value, setValue] = useState(initial);
  return (
    <>
      <ItemsEditor
        value={value}
        issues={[]}
        onChange={setValue}
        onUseTotal={(total) => {
          lastTotal = total;
        }}
      />
      <output data-testid="json">{value}</output>
    </>
  );
}

afterEach(cleanup);

describe('ItemsEditor', () => {
  it('keeps what is typed while the JSON follows', () => {
    render(<Harness initial="" />);
    fireEvent.click(screen.getByRole('button', { name: 'Add item' }));
    fireEvent.change(screen.getByLabelText('Item 1 SKU'), { target: { value: 'SKU-1' } });
    fireEvent.change(screen.getByLabelText('Item 1 Price'), { target: { value: '8.' } });
    expect(screen.getByLabelText<HTMLInputElement>('Item 1 Price').value).toBe('8.');
    fireEvent.change(screen.getByLabelText('Item 1 Price'), { target: { value: '8.5' } });
    fireEvent.change(screen.getByLabelText('Item 1 categories'), { target: { value: 'Shoes, ' } });
    expect(screen.getByLabelText<HTMLInputElement>('Item 1 categories').value).toBe('Shoes, ');
    fireEvent.change(screen.getByLabelText('Item 1 Quantity'), { target: { value: '2' } });
    expect(screen.getByTestId('json').textContent).toBe('[["SKU-1","","Shoes",8.5,2]]');
    fireEvent.click(screen.getByRole('button', { name: 'Use as revenue and subtotal' }));
    expect(lastTotal).toBe('17');
  });

  it('explains a value it cannot show as items and offers the JSON', () => {
    render(<Harness initial="45" />);
    expect(screen.getByText(/skip the whole conversion/)).toBeTruthy();
    expect(screen.getByLabelText<HTMLTextAreaElement>('ec_items JSON').value).toBe('45');
    fireEvent.change(screen.getByLabelText('ec_items JSON'), {
      target: { value: '[["A","a","c",1,1]]' },
    });
    expect(screen.getByLabelText<HTMLInputElement>('Item 1 SKU').value).toBe('A');
  });
});
