import { useState } from 'react';
import { isIssueCode } from '../../../shared/matomo/issue-codes';
import { Dialog } from '../common/dialog';
import { IssueReference, issueReferenceId } from './issue-reference';
import '../../styles/inspector-params.css';
import './issue-reference.css';

/**
 * "?" beside an issue: opens the issue reference at that code's explanation. Its name does not
 * repeat the code, so the issue row stays the one control named after it.
 */
export function IssueReferenceButton({ code }: { code: string }) {
  const [open, setOpen] = useState(false);
  if (!isIssueCode(code)) return null;
  const close = () => setOpen(false);
  return (
    <>
      <button
        type="button"
        className="help-button issue-ref-button"
        aria-haspopup="dialog"
        aria-label="Explain this issue code"
        title={`What ${code} means and how to fix it`}
        onClick={() => setOpen(true)}
      >
        ?
      </button>
      {open ? (
        <Dialog
          title="Issue reference"
          wide
          onClose={close}
          initialFocusId={issueReferenceId(code)}
          footer={
            <button type="button" className="button" data-close onClick={close}>
              Close
            </button>
          }
        >
          <IssueReference current={code} />
        </Dialog>
      ) : null}
    </>
  );
}
