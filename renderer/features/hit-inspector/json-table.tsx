import { Highlight } from '../common/highlight';

/** A small table for decoded JSON values (custom variables, items, client hints). */
export function JsonTable({ columns, rows }: { columns: string[]; rows: string[][] }) {
  return (
    <table className="json-table">
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column} scope="col">
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, i) => (
          <tr key={i}>
            {row.map((cell, j) => (
              <td key={j}>
                <Highlight text={cell} />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
