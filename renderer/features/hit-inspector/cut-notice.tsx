// Under a text the server sent only the beginning of (docs/api.md, Long values): how long the
// whole text is, and the two ways to it: shown here when its size is reasonable for the page,
// or downloaded from the raw route whatever its size.
import { useState } from 'react';
import type { CutTextDto } from '../../../shared/api/types';
import { rawTextUrl, type RawTextSource } from '../../api/client';
import { errorMessage } from '../../lib/error-message';
import { formatBytes } from '../../lib/format';
import { useServices } from '../../services-context';

/** Texts up to this size are shown whole on request; larger ones are only downloaded. */
export const SHOW_ALL_MAX_BYTES = 2 * 1024 * 1024;

const utf8 = new TextEncoder();

type State =
  { kind: 'cut' } | { kind: 'loading' } | { kind: 'whole' } | { kind: 'refused'; message: string };

export function CutNotice({
  size,
  shown,
  source,
  onWhole,
  label,
  received,
}: {
  size: CutTextDto;
  /**
   * Bytes that arrived, when the stored text is itself only their beginning (a body over the
   * stored-body cap): the sizes then say what was stored of what.
   */
  received?: number;
  /** The beginning the page holds. */
  shown: string;
  source: RawTextSource;
  /** Receives the whole text; absent when it cannot be shown (a binary body). */
  onWhole?: (text: string) => void;
  /** What the text is, for the buttons' accessible names ("body", "value of x"). */
  label: string;
}) {
  const { client } = useServices();
  const [state, setState] = useState<State>({ kind: 'cut' });
  const showAll = async () => {
    if (!onWhole) return;
    if (size.bytes > SHOW_ALL_MAX_BYTES) {
      setState({
        kind: 'refused',
        message: `Too large to show here (more than ${formatBytes(SHOW_ALL_MAX_BYTES)}): download it instead.`,
      });
      return;
    }
    setState({ kind: 'loading' });
    try {
      onWhole(await client.rawText(source));
      setState({ kind: 'whole' });
    } catch (error) {
      setState({ kind: 'refused', message: `Not loaded: ${errorMessage(error)}` });
    }
  };
  const whole = state.kind === 'whole';
  const storedOf =
    received !== undefined && received > size.bytes
      ? ` stored of the ${formatBytes(received)} received`
      : '';
  return (
    <div className="cut-notice" data-testid="cut-notice" role="group" aria-label={`Long ${label}`}>
      <span className="muted small" aria-live="polite">
        {whole
          ? `Showing all ${formatBytes(size.bytes)}${storedOf}.`
          : `${formatBytes(size.bytes)}${storedOf}, showing the first ${formatBytes(utf8.encode(shown).length)}.`}
        {state.kind === 'refused' ? ` ${state.message}` : ''}
      </span>
      {onWhole && !whole ? (
        <button
          type="button"
          className="button small"
          disabled={state.kind === 'loading'}
          aria-label={`Show all of the ${label}`}
          onClick={() => void showAll()}
        >
          {state.kind === 'loading' ? 'Loading…' : 'Show all'}
        </button>
      ) : null}
      <a
        className="button small"
        href={rawTextUrl(source)}
        download
        aria-label={`Download raw ${label}`}
      >
        Download raw
      </a>
    </div>
  );
}
