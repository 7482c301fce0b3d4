import { useAppStore } from '../../store/store-context';
import { VIEWS } from '../../store/ui-slice';
import { AppHeader } from '../header/app-header';
import { LogPane } from '../log-pane/log-pane';
import { SettingsDialog } from '../settings/settings-dialog';
import { ClearHitsDialog } from '../hits-table/clear-hits-dialog';
import { ImportReportDialog } from '../hits-table/import-report-dialog';
import { Toast } from '../common/toast';
import { DataAlertsBanner } from './data-alerts-banner';
import { TabBar } from './tab-bar';
import { VIEW_PANELS } from './view-panels';
import { useGlobalKeys } from './use-global-keys';
import '../../styles/layout.css';

/** The window: header, view tabs, the current view, the log pane and the dialogs. */
export function AppLayout() {
  const view = useAppStore((s) => s.view);
  const ready = useAppStore(
    (s) => s.loaded && s.settings !== null && s.connection.status === 'open',
  );
  useGlobalKeys();
  const tabs = VIEWS.filter((name) => VIEW_PANELS[name]);
  const Panel = (VIEW_PANELS[view] ?? VIEW_PANELS.hits)?.component;
  return (
    <div className="app-shell" data-ready={ready ? 'true' : 'false'}>
      <AppHeader />
      {/* One main landmark holds the tabs and their panel, so every view is inside a landmark. */}
      <main className="app-views">
        <DataAlertsBanner />
        <TabBar views={tabs} />
        <div
          className="app-main"
          role="tabpanel"
          id={`panel-${view}`}
          aria-labelledby={`tab-${view}`}
        >
          {Panel ? <Panel /> : null}
        </div>
      </main>
      <LogPane />
      <SettingsDialog />
      <ClearHitsDialog />
      <ImportReportDialog />
      <Toast />
    </div>
  );
}
