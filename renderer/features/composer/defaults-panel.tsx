import { useAppStore } from '../../store/store-context';
import type { ComposerPrefs } from '../../requests/draft';

const OPTIONS: { key: keyof ComposerPrefs; label: string; help: string }[] = [
  { key: 'idsite', label: 'idsite of the last used site', help: 'New requests start with it.' },
  { key: 'rec', label: 'rec=1', help: 'Without it Matomo answers success and stores nothing.' },
  {
    key: 'visitorId',
    label: 'Fresh visitor id (_id)',
    help: '16 hex characters, as the JS tracker.',
  },
  {
    key: 'pageviewId',
    label: 'Fresh page view id (pv_id)',
    help: '6 characters, as the JS tracker.',
  },
  { key: 'cacheBuster', label: 'Random r at send time', help: 'A cache buster Matomo ignores.' },
  { key: 'localTime', label: 'Current h, m, s at send time', help: 'The visitor’s local time.' },
];

/** The defaults the composer fills in, each of which the user can turn off (remembered). */
export function DefaultsPanel() {
  const prefs = useAppStore((s) => s.composerPrefs);
  const lastIdsite = useAppStore((s) => s.lastIdsite);
  const setPrefs = useAppStore((s) => s.setComposerPrefs);
  return (
    <details className="cmp-section cmp-defaults">
      <summary className="cmp-heading">Defaults</summary>
      {OPTIONS.map((o) => (
        <label key={o.key} className="cmp-check" title={o.help}>
          <input
            type="checkbox"
            checked={prefs[o.key]}
            onChange={(e) => setPrefs({ [o.key]: e.target.checked })}
          />
          {o.key === 'idsite' ? `${o.label} (${lastIdsite})` : o.label}
          <span className="faint"> — {o.help}</span>
        </label>
      ))}
    </details>
  );
}
