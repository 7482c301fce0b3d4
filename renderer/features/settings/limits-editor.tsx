import type { LimitsDto } from '../../../shared/api/types';
import { LIMIT_BOUNDS } from '../../../shared/api/settings-rules';
import { LIMIT_FIELDS, type LimitsDraft } from '../../lib/limits-form';
import { HelpField } from '../common/help-field';

/**
 * Settings › Limits: the caps past which the server refuses a tracking request (each refusal
 * names the limit by its `limits.…` key, shown here under the field) and the extra paths it
 * accepts tracking requests on.
 */
export function LimitsEditor({
  limits,
  paths,
  onLimitsChange,
  onPathsChange,
}: {
  limits: LimitsDraft;
  paths: string;
  onLimitsChange: (limits: LimitsDraft) => void;
  onPathsChange: (paths: string) => void;
}) {
  return (
    <fieldset className="site-profiles" aria-label="Limits">
      <legend>Limits</legend>
      <div className="limits-grid">
        {LIMIT_FIELDS.map(({ key, label }) => (
          <HelpField key={key} label={label} help={limitHelp(key)}>
            {(control) => (
              <input
                {...control}
                className="input"
                inputMode="numeric"
                value={limits[key]}
                onChange={(e) => onLimitsChange({ ...limits, [key]: e.target.value })}
              />
            )}
          </HelpField>
        ))}
      </div>
      <HelpField
        label="Extra tracking paths (one a line)"
        help="Accepted besides /matomo.php, /piwik.php, /js/ and /js/tracker.php — for trackers configured with a custom path."
      >
        {(control) => (
          <textarea
            {...control}
            className="input mono"
            rows={2}
            placeholder="/collect"
            value={paths}
            onChange={(e) => onPathsChange(e.target.value)}
          />
        )}
      </HelpField>
    </fieldset>
  );
}

function limitHelp(key: keyof LimitsDto): string {
  const [min, max] = LIMIT_BOUNDS[key];
  return `limits.${key} · ${min.toLocaleString('en')}–${max.toLocaleString('en')}`;
}
