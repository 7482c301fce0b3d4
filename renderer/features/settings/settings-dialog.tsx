import { useState } from 'react';
import type { DebugMode, SettingsDto } from '../../../shared/api/types';
import { desktopBridge } from '../../api/desktop';
import { fromDrafts, toDraft, type SiteProfileDraft } from '../../lib/site-profile-form';
import { useServices } from '../../services-context';
import { useAppStore, useAppStoreApi } from '../../store/store-context';
import { Dialog } from '../common/dialog';
import { DialogActions } from '../common/dialog-actions';
import { HelpField } from '../common/help-field';
import { SiteProfilesEditor } from './site-profiles-editor';
import { LimitsEditor } from './limits-editor';
import { MemoryUsage } from './memory-usage';
import { fromLimitsDraft, fromPathsDraft, toLimitsDraft } from '../../lib/limits-form';
import { errorMessage } from '../../lib/error-message';

const DEBUG_MODES: { value: DebugMode; label: string }[] = [
  { value: 'off', label: 'Off — answer like a production Matomo' },
  { value: 'on-demand', label: 'On demand — debug output when a request has debug=1' },
  { value: 'always', label: 'Always — every answer is the debug log' },
];

export function SettingsDialog() {
  const open = useAppStore((s) => s.settingsOpen);
  const settings = useAppStore((s) => s.settings);
  if (!open || !settings) return null;
  return <SettingsForm settings={settings} />;
}

function SettingsForm({ settings }: { settings: SettingsDto }) {
  const store = useAppStoreApi();
  const { client } = useServices();
  const [debugMode, setDebugMode] = useState(settings.debugMode);
  const [maxHits, setMaxHits] = useState(String(settings.maxHits));
  const [upstreamUrl, setUpstreamUrl] = useState(settings.upstreamUrl);
  const [drafts, setDrafts] = useState<SiteProfileDraft[]>(() => settings.sites.map(toDraft));
  const [limits, setLimits] = useState(() => toLimitsDraft(settings.limits));
  const [paths, setPaths] = useState(settings.extraTrackingPaths.join('\n'));
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const close = () => store.getState().setSettingsOpen(false);
  const reveal = desktopBridge().revealDataFolder;

  const save = async () => {
    const problems: string[] = [];
    const cap = Number(maxHits);
    if (!Number.isInteger(cap) || cap < 100) {
      problems.push(`Memory cap "${maxHits}" must be a whole number of at least 100 hits.`);
    }
    const upstream = upstreamUrl.trim();
    if (upstream && !/^https?:\/\/\S+$/i.test(upstream)) {
      problems.push(`Matomo URL "${upstream}" must start with http:// or https://.`);
    }
    const { sites, errors: siteErrors } = fromDrafts(drafts);
    problems.push(...siteErrors);
    const limitsForm = fromLimitsDraft(limits);
    const pathsForm = fromPathsDraft(paths);
    problems.push(...limitsForm.errors, ...pathsForm.errors);
    setErrors(problems);
    if (problems.length) return;
    setBusy(true);
    try {
      const saved = await client.updateSettings({
        debugMode,
        maxHits: cap,
        upstreamUrl: upstream,
        sites,
        limits: limitsForm.limits,
        extraTrackingPaths: pathsForm.paths,
      });
      store.getState().setSettings(saved);
      store.getState().notify('Settings saved.');
      close();
    } catch (error) {
      setErrors([errorMessage(error)]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      title="Settings"
      onClose={close}
      wide
      footer={
        <DialogActions onCancel={close} onConfirm={() => void save()} busy={busy}>
          Save
        </DialogActions>
      }
    >
      <div className="settings-form">
        {errors.length ? (
          <ul className="form-errors" role="alert">
            {errors.map((error) => (
              <li key={error}>{error}</li>
            ))}
          </ul>
        ) : null}
        <HelpField label="Debug mode">
          {(control) => (
            <select
              {...control}
              className="select"
              value={debugMode}
              onChange={(e) => setDebugMode(e.target.value as DebugMode)}
            >
              {DEBUG_MODES.map((mode) => (
                <option key={mode.value} value={mode.value}>
                  {mode.label}
                </option>
              ))}
            </select>
          )}
        </HelpField>
        <HelpField
          label="Hits kept in memory"
          help="Older hits stay in the data file and are counted as “only on disk”."
        >
          {(control) => (
            <input
              {...control}
              className="input"
              inputMode="numeric"
              value={maxHits}
              onChange={(e) => setMaxHits(e.target.value)}
            />
          )}
        </HelpField>
        <MemoryUsage />
        <HelpField label="Real Matomo to send to (optional)">
          {(control) => (
            <input
              {...control}
              className="input"
              placeholder="https://matomo.example.org/"
              value={upstreamUrl}
              onChange={(e) => setUpstreamUrl(e.target.value)}
            />
          )}
        </HelpField>
        <div className="field">
          <span>Data directory</span>
          <div className="data-dir">
            <code data-testid="data-dir">{settings.dataDir}</code>
            {reveal ? (
              <button type="button" className="button small" onClick={() => void reveal()}>
                Show in folder
              </button>
            ) : null}
          </div>
        </div>
        <SiteProfilesEditor drafts={drafts} onChange={setDrafts} />
        <LimitsEditor
          limits={limits}
          paths={paths}
          onLimitsChange={setLimits}
          onPathsChange={setPaths}
        />
        <p className="muted small">Hitscope {settings.version}</p>
      </div>
    </Dialog>
  );
}
