import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ISSUE_CODE_LIST, ISSUE_CODES } from '../../../shared/matomo/issue-codes';
import { IssueReference } from './issue-reference';
import { IssueReferenceButton } from './issue-reference-button';

afterEach(cleanup);

describe('IssueReference', () => {
  it('lists every issue code with its meaning, fix and Matomo rule', () => {
    render(<IssueReference />);
    const entries = screen.getAllByRole('article');
    expect(entries).toHaveLength(ISSUE_CODE_LIST.length);
    const cid = screen.getByRole('article', { name: /cid\.length/ });
    expect(cid.textContent).toContain(ISSUE_CODES['cid.length'].summary);
    expect(cid.textContent).toContain(ISSUE_CODES['cid.length'].hint);
    expect(cid.textContent).toContain('core/Tracker/Request.php');
    const link = within(cid).getByRole('link', { name: /Matomo Tracking HTTP API/ });
    expect(link.getAttribute('href')).toBe(
      'https://developer.matomo.org/api-reference/tracking-api',
    );
    expect(link.getAttribute('rel')).toContain('noopener');
  });

  it('never shows a section number of a document the user cannot open', () => {
    const { container } = render(<IssueReference />);
    expect(container.textContent).not.toMatch(/§|spec\b|tracking-protocol\.md/);
  });

  it('groups codes by what Matomo does with the hit', () => {
    render(<IssueReference />);
    const rejected = screen.getByRole('region', { name: 'Rejected' });
    expect(within(rejected).getByRole('article', { name: /idsite\.missing/ })).toBeTruthy();
    const excluded = screen.getByRole('region', { name: 'Excluded' });
    expect(within(excluded).queryByRole('article', { name: /idsite\.missing/ })).toBeNull();
  });
});

describe('IssueReferenceButton', () => {
  it('opens the reference at the code and focuses its explanation; Esc closes it', () => {
    render(<IssueReferenceButton code="cid.length" />);
    const button = screen.getByRole('button', { name: 'Explain this issue code' });
    button.focus();
    fireEvent.click(button);
    const dialog = screen.getByRole('dialog', { name: 'Issue reference' });
    const current = within(dialog).getByRole('article', { current: true });
    expect(current.id).toBe('issue-ref-cid.length');
    expect(document.activeElement).toBe(current);
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(button);
  });

  it('renders nothing for a code the catalogue does not know', () => {
    const { container } = render(<IssueReferenceButton code="no.such_code" />);
    expect(container.textContent).toBe('');
  });
});
