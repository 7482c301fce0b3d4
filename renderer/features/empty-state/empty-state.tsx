import { useAppStore } from '../../store/store-context';
import { useCopy } from '../common/use-copy';
import { SendTestHitButton } from '../header/send-test-hit-button';
import { paqSnippet, sdkHints } from './tracking-snippets';
import '../../styles/empty-state.css';

/** No hit yet: how to point a tracker here, with snippets to copy. */
export function EmptyState() {
  const trackerUrl = useAppStore(
    (s) => s.settings?.trackerUrl ?? 'http://127.0.0.1:8765/matomo.php',
  );
  const idsite = useAppStore((s) => s.settings?.sites[0]?.idsite ?? 1);
  const copy = useCopy();
  const snippet = paqSnippet(trackerUrl, idsite);
  return (
    <div className="empty-state" data-testid="empty-state">
      <h2>Waiting for the first hit</h2>
      <p className="muted">
        Point any Matomo tracker at <code>{trackerUrl}</code>; every request shows up here as it
        arrives, decoded and checked.
      </p>
      <div className="snippet">
        <div className="snippet-head">
          <span>JavaScript tracker</span>
          <button
            type="button"
            className="button small"
            onClick={() => void copy(snippet, 'the snippet')}
          >
            Copy
          </button>
        </div>
        {/* Focusable: a long line scrolls sideways, which must work from the keyboard too. */}
        <pre tabIndex={0} aria-label="Tracking snippet">
          {snippet}
        </pre>
        <p className="muted" data-testid="snippet-note">
          Hitscope does not serve Matomo&apos;s tracker code: replace{' '}
          <code>https://YOUR-MATOMO.example/</code> with your Matomo&apos;s address (where{' '}
          <code>matomo.js</code> comes from). Already tracking? Only change{' '}
          <code>setTrackerUrl</code>.
        </p>
      </div>
      <dl className="sdk-hints">
        {sdkHints(trackerUrl, idsite).map((hint) => (
          <div key={hint.name}>
            <dt>{hint.name}</dt>
            <dd>
              <code>{hint.code}</code>
            </dd>
          </div>
        ))}
      </dl>
      <SendTestHitButton />
    </div>
  );
}
