import { useAppStore } from '../../store/store-context';
import { useCopy } from '../common/use-copy';

/** Where trackers should send hits, ready to copy. */
export function TrackerUrl() {
  const trackerUrl = useAppStore((s) => s.settings?.trackerUrl ?? '');
  const copy = useCopy();
  if (!trackerUrl) return null;
  return (
    <div className="tracker-url">
      <span className="muted">Tracker URL</span>
      <code data-testid="tracker-url">{trackerUrl}</code>
      <button
        type="button"
        className="button small"
        onClick={() => void copy(trackerUrl, 'the tracker URL')}
      >
        Copy
      </button>
    </div>
  );
}
