import type { ReactNode } from 'react';
import type { ParamSpec } from '../../../shared/matomo/params';
import type { UrlParts } from '../../../shared/matomo/url-parts';
import type { DecodedParam } from '../../../shared/matomo/types';
import { formatLocalDateTime, formatUtcDateTime } from '../../lib/format';
import { Highlight } from '../common/highlight';
import { CutDecodedNote } from './cut-decoded-note';
import { JsonTable } from './json-table';
import { UrlView } from './url-view';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const cellText = (value: unknown): string =>
  typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value);

interface ValueViewProps {
  name: string;
  decoded: DecodedParam;
  spec: ParamSpec | undefined;
}

const unframed = (view: ReactNode): ReactNode => view;

/**
 * The decoded value in the form that reads best for its type, in `frame` (a scrolled box for
 * a long one). A JSON value decoded from the beginning of its text only says so above it.
 */
export function ValueView({
  frame = unframed,
  ...props
}: ValueViewProps & { frame?: (view: ReactNode) => ReactNode }) {
  const cut = props.decoded.cutForReading;
  if (cut?.wholeMembers === undefined) return <>{frame(<TypedValueView {...props} />)}</>;
  return (
    <div className="cut-decoded">
      <CutDecodedNote name={props.name} cut={cut} />
      {cut.wholeMembers > 0 ? frame(<TypedValueView {...props} />) : null}
    </div>
  );
}

function TypedValueView({ name, decoded, spec }: ValueViewProps) {
  const { value, display } = decoded;
  if (value === undefined) return <span className="muted">{display || '(ignored)'}</span>;
  switch (spec?.type) {
    case 'url':
      return isRecord(value) && typeof value.href === 'string' ? (
        <UrlView parts={value as unknown as UrlParts} />
      ) : (
        <Highlight text={display} />
      );
    case 'datetime':
    case 'timestamp':
      // For a Unix timestamp 0 is Matomo's default for an absent value
      // (core/Tracker/Request.php line 373, `'_refts' => array(0, 'int')`): not 1970.
      if (spec.type === 'timestamp' && typeof value === 'number' && value <= 0) {
        return <span className="muted">not set ({value})</span>;
      }
      if (typeof value === 'number') {
        return (
          <span className="date-value">
            <span>{formatLocalDateTime(value * 1000)} local</span>
            <span className="muted">{formatUtcDateTime(value * 1000)}</span>
          </span>
        );
      }
      break;
    case 'resolution':
      if (isRecord(value) && typeof value.width === 'number' && typeof value.height === 'number') {
        return (
          <span>
            {value.width} × {value.height} px
          </span>
        );
      }
      break;
    case 'json':
      if ((name === '_cvar' || name === 'cvar') && Array.isArray(value)) {
        return (
          <JsonTable
            columns={['Slot', 'Name', 'Value']}
            rows={value.map((v: Record<string, unknown>) => [
              cellText(v.slot),
              cellText(v.name),
              cellText(v.value),
            ])}
          />
        );
      }
      if (name === 'ec_items' && Array.isArray(value)) {
        return value.length === 0 ? (
          <span className="muted">no items</span>
        ) : (
          <JsonTable
            columns={['SKU', 'Name', 'Category', 'Price', 'Qty']}
            rows={value.map((item: Record<string, unknown>) => [
              cellText(item.sku),
              cellText(item.name),
              Array.isArray(item.categories) ? item.categories.join(' › ') : '',
              cellText(item.price),
              cellText(item.quantity),
            ])}
          />
        );
      }
      if (isRecord(value)) {
        return (
          <JsonTable
            columns={['Key', 'Value']}
            rows={Object.entries(value).map(([key, item]) => [key, cellText(item)])}
          />
        );
      }
      break;
  }
  return <Highlight text={display} />;
}
