import { useAppStore } from '../../store/store-context';
import { useCopy } from '../common/use-copy';

/** Where trackers should send hits, ready to copy. */
export function TrackerUrl() {
  const trackerUrl = useAppStore((s) => s.settings?.trackerUrl ?? '');
  const copy = useCopy();
  if (!trackerUrl) return null;
  return (
    <div className="tracker-url" role="group" aria-label="Tracker URL">
      <span className="muted tracker-url-label">Tracker URL</span>
      <code data-testid="tracker-url" title="Tracker URL: where trackers send hits">
        {trackerUrl}
      </code>
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
