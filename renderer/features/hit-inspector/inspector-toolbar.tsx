import { RevealTokenButton } from './reveal-token-button';
import type { HitDetailDto, HitDto } from '../../../shared/api/types';
import { useServices } from '../../services-context';
import { errorMessage } from '../../lib/error-message';
import { useMemo } from 'react';
import {
  headersLeftOut,
  hitAsBulkEntry,
  hitAsCurl,
  hitAsUrl,
  receivedHeaders,
} from '../../lib/copy-formats';
import { isTokenName, maskedRequest, TOKEN_MASK } from '../../lib/mask-token';
import { useAppStore } from '../../store/store-context';
import { useCopy } from '../common/use-copy';
import { CopyAsCode } from './copy-as-code';
import { InspectorActions } from './inspector-actions';

/** Copy the hit (URL, curl, bulk entry), reveal its token, and the hit actions. */
export function InspectorToolbar({
  detail,
  reveal,
  onReveal,
}: {
  detail: HitDetailDto;
  reveal: boolean;
  onReveal: (reveal: boolean) => void;
}) {
  const trackerUrl = useAppStore((s) => s.settings?.trackerUrl ?? `${location.origin}/matomo.php`);
  const copy = useCopy();
  const { client } = useServices();
  const notify = useAppStore((s) => s.notify);
  const { hit, request } = detail;
  // The inspector holds the beginning of a long raw query: a copy is made of the whole one.
  const whole = async (): Promise<HitDto> =>
    hit.cut?.rawQuery ? { ...hit, rawQuery: await client.rawText({ hitId: hit.id }) } : hit;
  const copyWhole = (text: (whole: HitDto) => string, what: string, note: string) =>
    whole().then(
      (full) => copy(text(full), what, note),
      (error: unknown) => notify(`Could not copy ${what}: ${errorMessage(error)}`, 'error'),
    );
  const hasToken = useMemo(
    () =>
      Object.keys(hit.params).some(isTokenName) ||
      (request !== null && maskedRequest(request, false).hasToken),
    [hit, request],
  );
  const headers = receivedHeaders(hit, request, reveal);
  const leftOut = headersLeftOut(headers);
  // A copy never hides a value silently: it says so, and how to copy it.
  const maskNote =
    hasToken && !reveal
      ? `token_auth is masked as ${TOKEN_MASK}: press Reveal token, then copy again to include it.`
      : '';
  const copies = [
    {
      label: 'Copy URL',
      what: 'the URL',
      text: (full: HitDto) => hitAsUrl(full, trackerUrl, reveal),
      note: [
        leftOut
          ? `A URL cannot carry the ${leftOut} it was received with: Copy curl keeps them.`
          : '',
        maskNote,
      ],
    },
    {
      label: 'Copy curl',
      what: 'the curl command',
      text: (full: HitDto) => hitAsCurl(full, trackerUrl, reveal, headers),
      note: [leftOut ? `It sends the ${leftOut} the hit was received with.` : '', maskNote],
    },
    {
      label: 'Copy bulk entry',
      what: 'the bulk entry',
      text: (full: HitDto) => hitAsBulkEntry(full, reveal),
      note: [maskNote],
    },
  ];
  return (
    <div className="inspector-toolbar" role="toolbar" aria-label="Hit actions">
      {copies.map(({ label, what, text, note }) => (
        <button
          key={label}
          type="button"
          className="button small"
          onClick={() => void copyWhole(text, what, note.filter(Boolean).join(' '))}
        >
          {label}
        </button>
      ))}
      <CopyAsCode
        hit={hit}
        trackerUrl={trackerUrl}
        reveal={reveal}
        headers={headers}
        maskNote={maskNote}
        whole={copyWhole}
      />
      {hasToken ? (
        <RevealTokenButton
          reveal={reveal}
          onReveal={onReveal}
          title="token_auth is masked in the views and in what you copy"
        />
      ) : null}
      <div className="toolbar-spacer" />
      <InspectorActions detail={detail} />
    </div>
  );
}
