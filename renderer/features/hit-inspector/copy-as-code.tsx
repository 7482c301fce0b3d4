import { useState } from 'react';
import type { HitDto } from '../../../shared/api/types';
import { hitAsPaqCalls } from '../../../shared/matomo/tracker-calls';
import { hitAsFetch, hitAsPhp } from '../../lib/copy-formats';
import { useCopy } from '../common/use-copy';
import { useDismiss } from '../common/use-dismiss';

export interface CopyAsCodeProps {
  hit: HitDto;
  trackerUrl: string;
  reveal: boolean;
  /** The received headers that decide the outcome (see receivedHeaders). */
  headers: Record<string, string>;
  /** Said after a copy when a value was masked. */
  maskNote: string;
}

/** Copy the hit as the code that sends it: JavaScript tracker calls, PHP, or fetch. */
export function CopyAsCode({ hit, trackerUrl, reveal, headers, maskNote }: CopyAsCodeProps) {
  const [open, setOpen] = useState(false);
  const copy = useCopy();
  const anchor = useDismiss(open, () => setOpen(false));
  const items = [
    {
      label: 'JavaScript tracker (_paq.push)',
      what: 'the _paq.push calls',
      text: () => hitAsPaqCalls(hit),
      note: 'Paste it after the page’s tracking snippet.',
    },
    {
      label: 'PHP (MatomoTracker)',
      what: 'the MatomoTracker call',
      text: () => hitAsPhp(hit, trackerUrl, headers),
      note: '',
    },
    {
      label: 'fetch()',
      what: 'the fetch call',
      text: () => hitAsFetch(hit, trackerUrl, reveal, headers),
      note: maskNote,
    },
  ];
  return (
    <div className="menu-anchor copy-as-code" ref={anchor}>
      <button
        type="button"
        className="button small"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        Copy as code ▾
      </button>
      {open ? (
        <div className="popover menu" role="menu" aria-label="Copy as code">
          {items.map(({ label, what, text, note }) => (
            <button
              key={label}
              type="button"
              role="menuitem"
              className="menu-item"
              onClick={() => {
                setOpen(false);
                anchor.current?.querySelector<HTMLElement>('button')?.focus();
                void copy(text(), what, note);
              }}
            >
              {label}
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
