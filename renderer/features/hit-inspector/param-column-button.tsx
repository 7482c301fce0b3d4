import { canBeColumn } from '../../lib/param-columns';
import { useAppStore } from '../../store/store-context';

/** Adds the parameter as a column of the hits table, or removes that column. */
export function ParamColumnButton({ name }: { name: string }) {
  const shown = useAppStore((s) => s.paramColumns.includes(name));
  const add = useAppStore((s) => s.addParamColumn);
  const remove = useAppStore((s) => s.removeParamColumn);
  const notify = useAppStore((s) => s.notify);
  if (!canBeColumn(name)) return null;
  const action = shown ? `Remove the ${name} column` : `Show ${name} as a table column`;
  return (
    <button
      type="button"
      className="button small ghost param-column-button"
      title={action}
      onClick={() => {
        if (shown) remove(name);
        else if (!add(name))
          notify('The table shows as many parameter columns as it can.', 'error');
      }}
    >
      {/* The name starts with the visible text, as speech input expects. */}
      {shown ? '−col' : '+col'}
      <span className="visually-hidden">: {action}</span>
    </button>
  );
}
