// HelpField: the label names the control, the help and the error describe it.
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { describedBy } from '../../test-support/settings-factory';
import { HelpField } from './help-field';

afterEach(cleanup);

describe('HelpField', () => {
  it('wires the label, the help and the error to its control', () => {
    const { rerender } = render(
      <HelpField label="Port" help="1024 or more">
        {(control) => <input {...control} />}
      </HelpField>,
    );
    const input = screen.getByLabelText('Port');
    expect(describedBy(input)).toBe('1024 or more');
    expect(input.getAttribute('aria-invalid')).toBeNull();
    rerender(
      <HelpField label="Port" help="1024 or more" error="80 is below 1024.">
        {(control) => <input {...control} />}
      </HelpField>,
    );
    expect(describedBy(input)).toBe('1024 or more | 80 is below 1024.');
    expect(input.getAttribute('aria-invalid')).toBe('true');
  });
});
