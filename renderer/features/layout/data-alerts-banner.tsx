import type { DataAlertDto } from '../../../shared/api/types';
import { useAppStore } from '../../store/store-context';
import '../../styles/data-alerts.css';

const TITLES: Record<DataAlertDto['kind'], string> = {
  'write-failed': 'Capturing is paused',
  'unreadable-records': 'Some stored records could not be read',
  'torn-tail': 'An interrupted record was set aside',
  'settings-invalid': 'Some saved settings were ignored',
};

/**
 * Problems with the data directory, from the server's summary: a disk that refuses writes
 * (trackers get 503 meanwhile), records set aside at load, invalid saved settings. Shown
 * until the server clears them; a refused write is an error, the others are warnings.
 */
export function DataAlertsBanner() {
  const alerts = useAppStore((s) => s.summary?.alerts);
  if (!alerts || alerts.length === 0) return null;
  return (
    <div className="data-alerts" data-testid="data-alerts">
      {alerts.map((alert) => (
        <div
          key={`${alert.kind}:${alert.message}`}
          className={`data-alert ${alert.kind === 'write-failed' ? 'error' : 'warn'}`}
          role={alert.kind === 'write-failed' ? 'alert' : 'status'}
          data-alert={alert.kind}
        >
          <strong>{TITLES[alert.kind]}.</strong> <span>{alert.message}</span>
        </div>
      ))}
    </div>
  );
}
