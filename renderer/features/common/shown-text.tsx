import { splitControls } from '../../../shared/matomo/invisible-chars';

/**
 * Captured text with every invisible or bidirectional control character replaced by a visible
 * mark (its short name, the code point in the tooltip): the text cannot reorder itself or hide
 * characters, and what it really holds is seen.
 */
export function ShownText({ text }: { text: string }) {
  const parts = splitControls(text);
  if (parts.length === 1 && typeof parts[0] === 'string') return <>{text}</>;
  return (
    <>
      {parts.map((part, i) =>
        typeof part === 'string' ? (
          part
        ) : (
          <abbr key={i} className="control-char" title={part.title}>
            {part.label}
          </abbr>
        ),
      )}
    </>
  );
}
