import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Highlight, HighlightContext } from './highlight';

describe('Highlight (every captured value)', () => {
  it('isolates the value, so its direction cannot spill into the text around it', () => {
    const { container } = render(<Highlight text="مرحبا" />);
    const isolated = container.querySelector('bdi');
    expect(isolated?.textContent).toBe('مرحبا');
  });

  it('shows bidirectional and invisible controls as visible marks instead of obeying them', () => {
    // U+202E would make `gnp.exe` display as `exe.png`.
    const { container } = render(<Highlight text={'invoice\u202egnp.exe\u200b'} />);
    expect(container.textContent).not.toMatch(/[\u202e\u200b]/);
    const marks = [...container.querySelectorAll('.control-char')];
    expect(marks.map((mark) => mark.textContent)).toEqual(['RLO', 'ZWSP']);
    expect(marks[0]?.getAttribute('title')).toBe('U+202E right-to-left override');
    expect(container.textContent).toBe('invoiceRLOgnp.exeZWSP');
  });

  it('keeps search marks, with controls shown inside them', () => {
    const { container } = render(
      <HighlightContext.Provider value={['gnp']}>
        <Highlight text={'a\u202egnp'} />
      </HighlightContext.Provider>,
    );
    expect(container.querySelector('mark.hl')?.textContent).toBe('gnp');
    expect(container.querySelector('.control-char')?.textContent).toBe('RLO');
  });
});
