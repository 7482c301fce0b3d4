import { createContext, useContext } from 'react';
import { ShownText } from './shown-text';

/** Lower-case fragments to mark, from the current search. */
export const HighlightContext = createContext<readonly string[]>([]);

/** Splits `text` around the fragments; pure so it can be tested and reused. */
export function splitHighlights(text: string, terms: readonly string[]): [string, boolean][] {
  if (!text || terms.length === 0) return [[text, false]];
  const lower = text.toLowerCase();
  const marks: [number, number][] = [];
  for (const term of terms) {
    if (!term) continue;
    let from = lower.indexOf(term);
    while (from >= 0) {
      marks.push([from, from + term.length]);
      from = lower.indexOf(term, from + term.length);
    }
  }
  if (marks.length === 0) return [[text, false]];
  marks.sort((a, b) => a[0] - b[0]);
  const parts: [string, boolean][] = [];
  let pos = 0;
  for (const [start, end] of marks) {
    if (end <= pos) continue;
    const begin = Math.max(start, pos);
    if (begin > pos) parts.push([text.slice(pos, begin), false]);
    parts.push([text.slice(begin, end), true]);
    pos = end;
  }
  if (pos < text.length) parts.push([text.slice(pos), false]);
  return parts;
}

/**
 * A captured value with the search matches marked; always rendered as text nodes. Isolated in
 * a <bdi> (its direction cannot reorder the text around it) and with invisible and
 * bidirectional controls shown as marks (ShownText), so a value cannot pass for another.
 */
export function Highlight({ text }: { text: string }) {
  const terms = useContext(HighlightContext);
  const parts = splitHighlights(text, terms);
  return (
    <bdi className="captured">
      {parts.map(([part, marked], i) =>
        marked ? (
          <mark key={i} className="hl">
            <ShownText text={part} />
          </mark>
        ) : (
          <ShownText key={i} text={part} />
        ),
      )}
    </bdi>
  );
}
