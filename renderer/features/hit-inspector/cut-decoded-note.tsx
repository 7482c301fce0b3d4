// Above a JSON value decoded from the beginning of its text only (DecodedParam.cutForReading):
// the server decodes a long value for the page from the part the page holds. Its table is
// what that part holds, not the whole value Matomo reads, whose findings are the hit's issues.
import type { CutForReading } from '../../../shared/matomo/types';

/** What a whole member of each JSON parameter is called. */
const MEMBER_NOUNS: Record<string, [string, string]> = {
  ec_items: ['item', 'items'],
  _cvar: ['slot', 'slots'],
  cvar: ['slot', 'slots'],
  uadata: ['client hint', 'client hints'],
  _pkc: ['category', 'categories'],
};

const count = (n: number): string => n.toLocaleString('en-US');

export function CutDecodedNote({ name, cut }: { name: string; cut: CutForReading }) {
  const [one, many] = MEMBER_NOUNS[name] ?? ['member', 'members'];
  const whole = cut.wholeMembers ?? 0;
  const part = `the first ${count(cut.decodedChars)} of its ${count(cut.chars)} characters`;
  return (
    <p className="cut-decoded-note" data-testid="cut-decoded-note">
      <strong>Too long to decode here in full.</strong>{' '}
      {whole > 0
        ? `Showing the first ${count(whole)} ${whole === 1 ? one : many}, decoded from ${part}.`
        : `Not even its first ${one} is whole in ${part}.`}{' '}
      Matomo reads it whole: the hit&apos;s issues come from the whole value, analysed on arrival.
    </p>
  );
}
