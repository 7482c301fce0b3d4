// HelpField: the label names the control, the help and the error describe it.
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { HelpField } from './help-field';

afterEach(cleanup);

/** The text of the elements aria-describedby points at. */
function description(element: Element): string {
  return (element.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent ?? `(missing ${id})`)
    .join(' | ');
}

describe('HelpField', () => {
  it('wires the label, the help and the error to its control', () => {
    const { rerender } = render(
      <HelpField label="Port" help="1024 or more">
        {(control) => <input {...control} />}
      </HelpField>,
    );
    const input = screen.getByLabelText('Port');
    expect(description(input)).toBe('1024 or more');
    expect(input.getAttribute('aria-invalid')).toBeNull();
    rerender(
      <HelpField label="Port" help="1024 or more" error="80 is below 1024.">
        {(control) => <input {...control} />}
      </HelpField>,
    );
    expect(description(input)).toBe('1024 or more | 80 is below 1024.');
    expect(input.getAttribute('aria-invalid')).toBe('true');
  });
});
