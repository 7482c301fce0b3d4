import { useState } from 'react';
import { EXPORT_FORMATS } from '../../../shared/api/routes';
import { exportHits } from '../../api/export-hits';
import { useServices } from '../../services-context';
import { useAppStoreApi } from '../../store/store-context';

const LABELS = {
  ndjson: 'All hits as NDJSON',
  har: 'All hits as HAR',
  csv: 'All hits as CSV',
} as const;

/** Export every stored hit (native save dialog in the desktop app, else a download). */
export function ExportMenu() {
  const [open, setOpen] = useState(false);
  const { client } = useServices();
  const store = useAppStoreApi();
  return (
    <div className="menu-anchor">
      <button
        type="button"
        className="button"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        onBlur={(event) => {
          if (!event.currentTarget.parentElement?.contains(event.relatedTarget)) setOpen(false);
        }}
      >
        Export ▾
      </button>
      {open ? (
        <div className="popover menu" role="menu">
          {EXPORT_FORMATS.map((format) => (
            <button
              key={format}
              type="button"
              role="menuitem"
              className="menu-item"
              onClick={() => {
                setOpen(false);
                void exportHits(client, store, format);
              }}
            >
              {LABELS[format]}
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
