// The in-app reference of every issue code: what it means, what Matomo does with such a hit,
// how to fix it, and the Matomo rule behind it (the source files it was read from and
// Matomo's public page on the subject). Everything comes from the catalogues in
// shared/matomo, so a new code appears here by itself.
import { useEffect } from 'react';
import {
  ISSUE_CODE_LIST,
  ISSUE_CODES,
  type IssueCode,
  type IssueEffect,
} from '../../../shared/matomo/issue-codes';
import { protocolSection } from '../../../shared/matomo/protocol-sections';

const EFFECTS: readonly { effect: IssueEffect; title: string; meaning: string }[] = [
  {
    effect: 'reject',
    title: 'Rejected',
    meaning: 'Matomo answers 400 and stores nothing.',
  },
  {
    effect: 'exclude',
    title: 'Excluded',
    meaning: 'Matomo answers as if it had recorded the hit, but stores nothing.',
  },
  {
    effect: 'abort',
    title: 'Lost with its bulk',
    meaning: 'Another entry stopped the whole bulk request: Matomo stores none of it.',
  },
  {
    effect: 'drop',
    title: 'Recorded, with a value changed',
    meaning: 'Matomo stores the hit but drops, replaces or cuts a value.',
  },
  {
    effect: 'lint',
    title: 'Recorded as sent',
    meaning: 'Matomo stores the hit as sent; the request is unusual, fragile or leaks something.',
  },
];

/** Id of a code's entry, for linking and focusing it. */
export function issueReferenceId(code: string): string {
  return `issue-ref-${code}`;
}

function IssueCodeEntry({ code, current }: { code: IssueCode; current: boolean }) {
  const spec = ISSUE_CODES[code];
  const section = protocolSection(spec.spec);
  const id = issueReferenceId(code);
  return (
    <article
      id={id}
      className={`issue-ref${current ? ' current' : ''}`}
      tabIndex={-1}
      aria-labelledby={`${id}-title`}
      aria-current={current ? 'true' : undefined}
    >
      <h4 id={`${id}-title`} className="issue-ref-title">
        <code className={`issue-ref-code ${spec.severity}`}>{code}</code>
        <span className="issue-ref-severity">{spec.severity}</span>
      </h4>
      <p className="issue-ref-summary">{spec.summary}</p>
      <dl className="issue-ref-facts">
        <dt>Fix</dt>
        <dd>{spec.hint}</dd>
        {section ? (
          <>
            <dt>Matomo rule</dt>
            <dd>
              {section.title}, as Matomo&apos;s code does it in{' '}
              {spec.source ? (
                <code>{spec.source}</code>
              ) : (
                section.sources.map((source, index) => (
                  <span key={source}>
                    {index > 0 ? ', ' : null}
                    <code>{source}</code>
                  </span>
                ))
              )}
              .
              {section.docs ? (
                <>
                  {' '}
                  Documented in{' '}
                  <a href={section.docs.url} target="_blank" rel="noopener noreferrer">
                    {section.docs.label}
                  </a>
                  .
                </>
              ) : null}
            </dd>
          </>
        ) : null}
      </dl>
    </article>
  );
}

/** Every issue code, grouped by what Matomo does with the hit; `current` is highlighted. */
export function IssueReference({ current }: { current?: string }) {
  // The chosen code starts at the top of the list, whatever the window height.
  useEffect(() => {
    if (current)
      document.getElementById(issueReferenceId(current))?.scrollIntoView?.({ block: 'start' });
  }, [current]);
  return (
    <div className="issue-reference">
      <p className="issue-ref-intro">
        Each finding has a stable code. The rules come from Matomo 5&apos;s own source code; file
        paths are in the <code>matomo-org/matomo</code> repository.
      </p>
      {EFFECTS.map(({ effect, title, meaning }) => {
        const codes = ISSUE_CODE_LIST.filter((code) => ISSUE_CODES[code].effect === effect);
        if (codes.length === 0) return null;
        return (
          <section
            key={effect}
            className="issue-ref-group"
            aria-labelledby={`issue-ref-group-${effect}`}
          >
            <h3 id={`issue-ref-group-${effect}`}>{title}</h3>
            <p className="issue-ref-meaning">{meaning}</p>
            {codes.map((code) => (
              <IssueCodeEntry key={code} code={code} current={code === current} />
            ))}
          </section>
        );
      })}
    </div>
  );
}
