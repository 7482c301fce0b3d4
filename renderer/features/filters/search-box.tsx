import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { applySuggestion, suggest, type SuggestionResult } from '../../lib/query/autocomplete';
import { useAppStore, useAppStoreApi } from '../../store/store-context';
import { focusGrid } from '../hit-inspector/inspector-focus';
import { SEARCH_INPUT_ID } from './search-focus';
import { ISSUE_CODES_FOR_SEARCH, suggestionContext } from './search-suggestions';

const LIST_ID = 'hit-search-suggestions';

function atEnd(input: HTMLInputElement): boolean {
  return input.selectionStart === input.value.length && input.selectionEnd === input.value.length;
}

/** The query box: `type:event e_c:Video "free text"`, with autocomplete. */
export function SearchBox() {
  const query = useAppStore((s) => s.query);
  const setQuery = useAppStore((s) => s.setQuery);
  const store = useAppStoreApi();
  const inputRef = useRef<HTMLInputElement>(null);
  const [cursor, setCursor] = useState(0);
  const [open, setOpen] = useState(false);
  // The suggestion picked with the arrow keys; -1 while none is.
  const [active, setActive] = useState(-1);
  const [contextVersion, setContextVersion] = useState(0);

  // Built when the box gets focus, not on every streamed hit.
  const context = useMemo(
    () => {
      const state = store.getState();
      return suggestionContext(
        state.hits,
        (state.settings?.sites ?? []).map((s) => s.idsite),
      );
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [contextVersion, store],
  );
  const suggestions: SuggestionResult | null = open
    ? suggest(query, cursor, context, ISSUE_CODES_FOR_SEARCH)
    : null;
  // The first suggestion is taken by Enter only for something typed at the caret. With nothing
  // typed (an empty box, or after an accepted value) the list is a hint: Enter goes to the hits
  // instead of adding the first field name, which would leave the search unfinished.
  const typed = suggestions !== null && suggestions.from < cursor;
  const chosen = active >= 0 ? active : typed ? 0 : -1;

  const accept = (index: number) => {
    const item = suggestions?.items[index];
    if (!suggestions || !item) return;
    const next = applySuggestion(query, suggestions, item);
    setQuery(next.query);
    setCursor(next.cursor);
    setActive(-1);
    requestAnimationFrame(() => inputRef.current?.setSelectionRange(next.cursor, next.cursor));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const count = suggestions?.items.length ?? 0;
    if (event.key === 'ArrowDown' && count) {
      event.preventDefault();
      setActive((chosen + 1) % count);
    } else if (event.key === 'ArrowUp' && count) {
      event.preventDefault();
      setActive(chosen <= 0 ? count - 1 : chosen - 1);
    } else if (event.key === 'Enter' && count && chosen >= 0) {
      event.preventDefault();
      accept(chosen);
    } else if (event.key === 'ArrowRight' && count && chosen >= 0 && atEnd(event.currentTarget)) {
      // → at the end of the text accepts, like a shell; elsewhere it moves the caret.
      event.preventDefault();
      accept(chosen);
    } else if (event.key === 'Tab') {
      // Tab is left to the browser so focus moves on (no keyboard trap); the list closes.
      setOpen(false);
    } else if (event.key === 'Enter') {
      focusGrid();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      if (count) setOpen(false);
      else setQuery('');
    }
  };

  return (
    <div className="search-box">
      <input
        ref={inputRef}
        id={SEARCH_INPUT_ID}
        className="input search-input"
        type="search"
        role="combobox"
        aria-label="Search hits"
        aria-autocomplete="list"
        aria-expanded={Boolean(suggestions)}
        aria-controls={LIST_ID}
        aria-activedescendant={chosen >= 0 ? `${LIST_ID}-${chosen}` : undefined}
        placeholder='Search (/): type:event e_c:Video idsite:3 outcome:rejected "free text"'
        title="Press / to search from anywhere in the table"
        spellCheck={false}
        autoComplete="off"
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setCursor(event.target.selectionStart ?? event.target.value.length);
          setActive(-1);
          setOpen(true);
        }}
        onSelect={(event) => setCursor(event.currentTarget.selectionStart ?? 0)}
        onFocus={() => {
          setContextVersion((v) => v + 1);
          setOpen(true);
        }}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      {suggestions ? (
        <ul className="popover suggestions" role="listbox" id={LIST_ID}>
          {suggestions.items.map((item, index) => (
            <li
              key={item.insert}
              id={`${LIST_ID}-${index}`}
              role="option"
              aria-selected={index === chosen}
              className={index === chosen ? 'active' : undefined}
              onMouseDown={(event) => {
                event.preventDefault();
                accept(index);
              }}
            >
              <span className="mono">{item.label}</span>
              {item.detail ? <span className="muted">{item.detail}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
