// The parameters of two hits side by side: one row per parameter of either hit, marked added,
// removed or changed in words (not by colour alone). Volatile values are never differences:
// they are shown muted, or hidden.
import type { ParamComparison, ParamStatus } from '../../../shared/diff/hit-diff';

const STATUS_WORDS: Record<ParamStatus, string> = {
  same: '',
  added: '+ added',
  removed: '− removed',
  changed: '≠ changed',
};

function Value({ value }: { value: string | null }) {
  if (value === null) return <span className="diff-absent">not sent</span>;
  return <code>{value === '' ? '""' : value}</code>;
}

export function ParamDiffTable({ rows }: { rows: readonly ParamComparison[] }) {
  return (
    <table className="param-diff-table">
      <thead>
        <tr>
          <th scope="col">Parameter</th>
          <th scope="col">Hit A</th>
          <th scope="col">Hit B</th>
          <th scope="col">Difference</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const kind = row.ignored ? 'ignored' : row.status;
          return (
            <tr key={row.name} className={`diff-${kind}`} data-param={row.name}>
              <th scope="row">
                <code>{row.name}</code>
              </th>
              <td>
                <Value value={row.baseline} />
              </td>
              <td>
                <Value value={row.current} />
              </td>
              <td className="diff-status">
                {row.ignored ? 'volatile, ignored' : STATUS_WORDS[row.status]}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
