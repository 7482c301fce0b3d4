import { useState } from 'react';
import type { HitDto } from '../../../shared/api/types';
import { hitAsPaqCalls } from '../../../shared/matomo/tracker-calls';
import { hitAsFetch, hitAsPhp } from '../../lib/copy-formats';
import { useDismiss } from '../common/use-dismiss';

export interface CopyAsCodeProps {
  hit: HitDto;
  trackerUrl: string;
  reveal: boolean;
  /** The received headers that decide the outcome (see receivedHeaders). */
  headers: Record<string, string>;
  /** Said after a copy when a value was masked. */
  maskNote: string;
  /** Copies what `text` makes of the hit with its whole raw query (the inspector's may be cut). */
  whole: (text: (hit: HitDto) => string, what: string, note: string) => Promise<void>;
}

/** Said after copying calls made of the parameters when some were cut (docs/api.md, Long values). */
const CUT_NOTE = 'Values over 64 KB hold their beginning in it: Download raw has them whole.';

/** Copy the hit as the code that sends it: JavaScript tracker calls, PHP, or fetch. */
export function CopyAsCode({ hit, trackerUrl, reveal, headers, maskNote, whole }: CopyAsCodeProps) {
  const [open, setOpen] = useState(false);
  const cutNote = hit.cut?.params ? CUT_NOTE : '';
  const anchor = useDismiss(open, () => setOpen(false));
  const items = [
    {
      label: 'JavaScript tracker (_paq.push)',
      what: 'the _paq.push calls',
      text: () => hitAsPaqCalls(hit),
      note: `Paste it after the page’s tracking snippet.${cutNote ? ` ${cutNote}` : ''}`,
    },
    {
      label: 'PHP (MatomoTracker)',
      what: 'the MatomoTracker call',
      text: () => hitAsPhp(hit, trackerUrl, headers),
      note: cutNote,
    },
    {
      label: 'fetch()',
      what: 'the fetch call',
      text: (full: HitDto) => hitAsFetch(full, trackerUrl, reveal, headers),
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
                void whole(text, what, note);
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
