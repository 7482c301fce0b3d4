import { importHits } from '../../api/import-hits';
import { useServices } from '../../services-context';
import { useAppStore, useAppStoreApi } from '../../store/store-context';

/** Imports a file Hitscope exported, a HAR file or a capture file (File → Import… does the same). */
export function ImportButton() {
  const { client } = useServices();
  const store = useAppStoreApi();
  const importing = useAppStore((s) => s.importing);
  return (
    <button
      type="button"
      className="button"
      disabled={importing !== null}
      title="Import hits from an NDJSON or HAR export, or a capture file"
      onClick={() => void importHits(client, store)}
    >
      {importing !== null ? 'Importing…' : 'Import…'}
    </button>
  );
}
