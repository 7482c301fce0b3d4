import { useState } from 'react';
import type { Issue } from '../../../shared/matomo/types';
import { useFocusAdded } from '../common/use-focus-added';
import { IssueList } from './issue-list';
import {
  MAX_ITEM_CATEGORIES,
  emptyItem,
  itemsTotal,
  parseItems,
  serializeItems,
  type EcommerceItem,
} from '../../requests/items';

const COLUMNS: { key: 'sku' | 'name' | 'price' | 'quantity'; label: string }[] = [
  { key: 'sku', label: 'SKU' },
  { key: 'name', label: 'Name' },
  { key: 'price', label: 'Price' },
  { key: 'quantity', label: 'Quantity' },
];

/** `ec_items` as a table of items (SKU, name, categories, price, quantity). */
export function ItemsEditor(props: {
  value: string;
  issues: readonly Issue[];
  onChange(value: string): void;
  /** Puts the items total into the order's subtotal and revenue. */
  onUseTotal?(total: string): void;
}) {
  const { value, issues, onChange, onUseTotal } = props;
  const [showJson, setShowJson] = useState(false);
  // The rows keep the text as typed ("8.", "Shoes, "); the JSON follows. A change of the
  // value from elsewhere (raw editor, JSON box) re-reads the rows.
  const [rows, setRows] = useState(() => ({ source: value, parsed: parseItems(value) }));
  if (rows.source !== value) setRows({ source: value, parsed: parseItems(value) });
  const parsed = rows.source === value ? rows.parsed : parseItems(value);
  const items = parsed.items;
  const write = (next: EcommerceItem[]) => {
    const json = serializeItems(next);
    setRows({ source: json, parsed: { items: next, error: null } });
    onChange(json);
  };
  const edit = (index: number, patch: Partial<EcommerceItem>) =>
    write(items.map((item, i) => (i === index ? { ...item, ...patch } : item)));
  const total = itemsTotal(items);
  // Add item hands the focus to the new item's first box, where typing goes next.
  const added = useFocusAdded();
  return (
    <div className="cmp-field cmp-items" data-param="ec_items" data-testid="field-ec_items">
      <div className="cmp-field-head">
        <span className="cmp-label">
          Items <code className="cmp-name">ec_items</code>
        </span>
        <button type="button" className="button ghost small" onClick={() => setShowJson(!showJson)}>
          {showJson ? 'Hide JSON' : 'Edit as JSON'}
        </button>
      </div>
      {parsed.error ? <div className="cmp-note error">{parsed.error}</div> : null}
      {items.length > 0 ? (
        <table className="cmp-items-table">
          <thead>
            <tr>
              {COLUMNS.slice(0, 2).map((c) => (
                <th key={c.key}>{c.label}</th>
              ))}
              <th>Categories (up to {MAX_ITEM_CATEGORIES}, comma separated)</th>
              {COLUMNS.slice(2).map((c) => (
                <th key={c.key}>{c.label}</th>
              ))}
              <th aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {items.map((item, i) => (
              <tr key={i}>
                {COLUMNS.slice(0, 2).map((c) => (
                  <td key={c.key}>
                    <input
                      className="input"
                      aria-label={`Item ${i + 1} ${c.label}`}
                      ref={c.key === 'sku' ? added.focusIfAdded(String(i)) : undefined}
                      value={item[c.key]}
                      onChange={(e) => edit(i, { [c.key]: e.target.value })}
                    />
                  </td>
                ))}
                <td>
                  <input
                    className="input"
                    aria-label={`Item ${i + 1} categories`}
                    value={item.categories}
                    onChange={(e) => edit(i, { categories: e.target.value })}
                  />
                </td>
                {COLUMNS.slice(2).map((c) => (
                  <td key={c.key}>
                    <input
                      className="input cmp-num"
                      inputMode="decimal"
                      aria-label={`Item ${i + 1} ${c.label}`}
                      value={item[c.key]}
                      onChange={(e) => edit(i, { [c.key]: e.target.value })}
                    />
                  </td>
                ))}
                <td>
                  <button
                    type="button"
                    className="button ghost small"
                    aria-label={`Remove item ${i + 1}`}
                    onClick={() => write(items.filter((_, j) => j !== i))}
                  >
                    ✕
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <div className="cmp-row">
        <button
          type="button"
          className="button small"
          disabled={parsed.error !== null}
          onClick={() => {
            write([...items, emptyItem()]);
            added.expect(String(items.length));
          }}
        >
          Add item
        </button>
        {total !== null && items.length > 0 ? (
          <>
            <span className="muted">Items total: {total}</span>
            {onUseTotal ? (
              <button
                type="button"
                className="button ghost small"
                onClick={() => onUseTotal(String(total))}
              >
                Use as revenue and subtotal
              </button>
            ) : null}
          </>
        ) : null}
      </div>
      {showJson || parsed.error ? (
        <textarea
          className="input cmp-input mono"
          aria-label="ec_items JSON"
          rows={3}
          value={value}
          spellCheck={false}
          onChange={(e) => onChange(e.target.value)}
        />
      ) : null}
      <IssueList issues={issues} />
    </div>
  );
}
