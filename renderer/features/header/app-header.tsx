import { useAppStore } from '../../store/store-context';
import { LOG_TOGGLE_ID } from '../common/focus-targets';
import { useDocumentTitle } from './document-title';
import { ConnectionStatus } from './connection-status';
import { SendTestHitButton } from './send-test-hit-button';
import { SummaryCounts } from './summary-counts';
import { TrackerUrl } from './tracker-url';

export function AppHeader() {
  const setSettingsOpen = useAppStore((s) => s.setSettingsOpen);
  const logOpen = useAppStore((s) => s.logOpen);
  useDocumentTitle();
  const setLogOpen = useAppStore((s) => s.setLogOpen);
  return (
    <header className="app-header">
      <div className="brand">
        <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true">
          <circle cx="9" cy="9" r="6" fill="none" stroke="currentColor" strokeWidth="2" />
          <path d="M13.5 13.5 18 18" stroke="currentColor" strokeWidth="2.4" />
          <circle cx="9" cy="9" r="2" fill="currentColor" />
        </svg>
        <h1 className="brand-name">Hitscope</h1>
      </div>
      <TrackerUrl />
      <SendTestHitButton />
      <div className="header-spacer" />
      <SummaryCounts />
      <ConnectionStatus />
      <button
        id={LOG_TOGGLE_ID}
        type="button"
        className="button ghost"
        aria-pressed={logOpen}
        onClick={() => setLogOpen(!logOpen)}
        title="Server log"
      >
        Log
      </button>
      <button
        type="button"
        className="button ghost"
        onClick={() => setSettingsOpen(true)}
        title="Settings"
      >
        Settings
      </button>
    </header>
  );
}
