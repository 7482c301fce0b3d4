import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Issue } from '../../../shared/matomo/types';
import { IssuesList } from './issues-list';

afterEach(cleanup);

const issue: Issue = {
  code: 'cid.length',
  severity: 'error',
  param: 'cid',
  message: 'cid must be 16 characters, got 3',
  hint: 'Send 16 hex characters.',
};

describe('IssuesList', () => {
  it('explains an issue code in the app, never by a section of an outside document', () => {
    const { container } = render(<IssuesList issues={[issue]} params={{}} onIssue={() => {}} />);
    expect(container.textContent).not.toMatch(/§|spec\b/);
    fireEvent.click(screen.getByRole('button', { name: 'Explain this issue code' }));
    const dialog = screen.getByRole('dialog', { name: 'Issue reference' });
    const entry = within(dialog).getByRole('article', { current: true });
    expect(entry.textContent).toContain('cid.length');
    expect(entry.textContent).toContain('Matomo rule');
  });

  it('keeps the row a button that shows the parameter', () => {
    let shown = '';
    const params = {
      cid: { name: 'cid', raw: 'abc', value: 'abc', display: 'abc', catalogueKey: 'cid' },
    };
    render(<IssuesList issues={[issue]} params={params} onIssue={(param) => (shown = param)} />);
    fireEvent.click(screen.getByRole('button', { name: /cid\.length/ }));
    expect(shown).toBe('cid');
  });

  it('counts the findings a closing issue stands for in its heading', () => {
    const slot = (n: number): Issue => ({
      code: 'json.shape',
      severity: 'warning',
      param: '_cvar',
      message: `_cvar slot "${n}" is not a slot from 1 to 5; Matomo skips it.`,
    });
    const closing: Issue = {
      ...slot(0),
      message: '… and 9,900 more like these in _cvar',
      more: 9_900,
    };
    render(
      <IssuesList issues={[issue, slot(6), slot(7), closing]} params={{}} onIssue={() => {}} />,
    );
    expect(screen.getByRole('heading', { name: 'Issues (9,903)' })).toBeTruthy();
    expect(screen.getByText('… and 9,900 more like these in _cvar')).toBeTruthy();
  });
});
