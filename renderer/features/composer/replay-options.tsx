import type { RegenerateOptions } from '../../../shared/matomo/volatile';
import { TargetPicker } from './target-picker';

const CHOICES: { key: keyof RegenerateOptions; label: string }[] = [
  { key: 'cacheBuster', label: 'New r' },
  { key: 'localTime', label: 'Current h, m, s' },
  { key: 'pageviewIds', label: 'New pv_id (hits that shared one keep sharing one)' },
  { key: 'visitorIds', label: 'New visitor (_id); unticked keeps the visitor ids' },
];

/** Where to resend and which values to make up again. */
export function ReplayOptionsForm(props: {
  target: string;
  regenerate: RegenerateOptions;
  onTarget(target: string): void;
  onRegenerate(options: RegenerateOptions): void;
}) {
  const { target, regenerate, onTarget, onRegenerate } = props;
  return (
    <div className="cmp-replay-options">
      <TargetPicker target={target} onChange={(next) => onTarget(next)} />
      {CHOICES.map((c) => (
        <label key={c.key} className="cmp-check">
          <input
            type="checkbox"
            checked={regenerate[c.key]}
            onChange={(e) => onRegenerate({ ...regenerate, [c.key]: e.target.checked })}
          />
          {c.label}
        </label>
      ))}
    </div>
  );
}
