import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Issue } from '../../../shared/matomo/types';
import { IssuesList } from './issues-list';
import { VisitNote } from './visit-note';

afterEach(cleanup);

describe('VisitNote', () => {
  it('names the visit and its reason, and lists its hits through the visit: term', () => {
    let query = '';
    render(
      <VisitNote
        hit={{
          outcome: 'recorded',
          visitId: 'v-abc.0',
          visitorId: '0123456789abcdef',
          visitReason: {
            code: 'campaign_changed',
            text: 'new visit: campaign changed from spring to newsletter',
          },
        }}
        onShowVisit={(q) => (query = q)}
      />,
    );
    const note = screen.getByTestId('visit-note');
    expect(note.textContent).toContain('v-abc.0');
    expect(note.textContent).toContain('campaign changed from spring to newsletter');
    fireEvent.click(screen.getByRole('button', { name: "Show this visit's hits" }));
    expect(query).toBe('visit:v-abc.0');
  });

  it('says when a hit takes part in no visit', () => {
    render(<VisitNote hit={{ outcome: 'excluded' }} onShowVisit={() => {}} />);
    expect(screen.getByTestId('visit-note').textContent).toMatch(/no visit/);
  });
});

describe('IssuesList links a finding to the earlier hit', () => {
  it('opens the related hit', () => {
    const issue: Issue = {
      code: 'pv_id.unmatched',
      severity: 'warning',
      param: 'pv_id',
      message: 'pv_id zzz matches no page view',
      relatedHitId: 'r1.0',
    };
    let opened = '';
    render(
      <IssuesList
        issues={[issue]}
        params={{}}
        onIssue={() => {}}
        onRelated={(id) => (opened = id)}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Earlier hit' }));
    expect(opened).toBe('r1.0');
  });
});
