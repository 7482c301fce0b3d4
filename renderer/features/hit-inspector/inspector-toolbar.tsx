import { RevealTokenButton } from './reveal-token-button';
import type { HitDetailDto } from '../../../shared/api/types';
import { useMemo } from 'react';
import { hitAsBulkEntry, hitAsCurl, hitAsUrl } from '../../lib/copy-formats';
import { isTokenName, maskedRequest } from '../../lib/mask-token';
import { useAppStore } from '../../store/store-context';
import { useCopy } from '../common/use-copy';
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
  const { hit, request } = detail;
  const hasToken = useMemo(
    () =>
      Object.keys(hit.params).some(isTokenName) ||
      (request !== null && maskedRequest(request, false).hasToken),
    [hit, request],
  );
  const copies = [
    { label: 'Copy URL', what: 'the URL', text: () => hitAsUrl(hit, trackerUrl, reveal) },
    {
      label: 'Copy curl',
      what: 'the curl command',
      text: () => hitAsCurl(hit, trackerUrl, reveal),
    },
    { label: 'Copy bulk entry', what: 'the bulk entry', text: () => hitAsBulkEntry(hit, reveal) },
  ];
  return (
    <div className="inspector-toolbar" role="toolbar" aria-label="Hit actions">
      {copies.map(({ label, what, text }) => (
        <button
          key={label}
          type="button"
          className="button small"
          onClick={() => void copy(text(), what)}
        >
          {label}
        </button>
      ))}
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
