import { useId, useState } from 'react';
import { canBeColumn } from '../../lib/param-columns';
import { useAppStore } from '../../store/store-context';

/** The column menu's field that adds a column for any parameter (`e_c`, `dimension1`). */
export function AddParamColumn() {
  const [name, setName] = useState('');
  const [error, setError] = useState('');
  const add = useAppStore((s) => s.addParamColumn);
  const inputId = useId();
  const errorId = useId();
  const submit = () => {
    const trimmed = name.trim();
    if (!canBeColumn(trimmed)) {
      setError('A parameter name: letters, digits, _ and -.');
      return;
    }
    if (!add(trimmed)) {
      setError('The table shows as many parameter columns as it can.');
      return;
    }
    setName('');
    setError('');
  };
  return (
    <div className="add-param-column">
      <label htmlFor={inputId}>Parameter column</label>
      <input
        id={inputId}
        className="mono"
        value={name}
        placeholder="e_c, dimension1…"
        spellCheck={false}
        aria-invalid={error !== '' || undefined}
        aria-describedby={error ? errorId : undefined}
        onChange={(event) => {
          setName(event.target.value);
          setError('');
        }}
        onKeyDown={(event) => {
          if (event.key !== 'Enter') return;
          event.preventDefault();
          submit();
        }}
      />
      <button type="button" className="button small" onClick={submit}>
        Add
      </button>
      {error ? (
        <span id={errorId} className="cmp-note error" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}
