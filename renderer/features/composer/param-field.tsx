import { useId, useState } from 'react';
import { findParamSpec, paramLabel } from '../../../shared/matomo/params';
import type { Issue } from '../../../shared/matomo/types';
import { worstSeverity } from '../../lib/issues';
import { IssueList } from './issue-list';
import { RevealButton } from './reveal-button';

export interface ParamFieldProps {
  name: string;
  value: string;
  onChange(value: string): void;
  required?: boolean;
  example?: string;
  issues?: readonly Issue[];
  /** For parameters in the request: tick to send, untick to keep without sending. */
  enabled?: boolean;
  onToggle?(enabled: boolean): void;
  onRemove?(): void;
}

/** One parameter with its catalogue label and help, its value, and its issues beside it. */
export function ParamField(props: ParamFieldProps) {
  const {
    name,
    value,
    onChange,
    required,
    example,
    issues = [],
    enabled,
    onToggle,
    onRemove,
  } = props;
  const id = useId();
  const missingId = useId();
  const missing = required === true && value === '' && enabled !== false;
  const [reveal, setReveal] = useState(false);
  const spec = findParamSpec(name);
  const label = paramLabel(name) ?? 'Custom parameter';
  const secret = spec?.type === 'token';
  const long = spec?.type === 'json' || value.length > 80;
  // Info findings do not mark the field.
  const severity = worstSeverity(issues);
  const worst = severity === 'info' ? null : severity;
  const input = {
    id,
    className: `input cmp-input${worst ? ` has-${worst}` : ''}`,
    value,
    placeholder: example ?? '',
    spellCheck: false,
    'aria-invalid': worst === 'error' ? true : undefined,
    'aria-describedby': missing ? missingId : undefined,
    onChange: (e: { target: { value: string } }) => onChange(e.target.value),
  };
  return (
    <div
      className={`cmp-field${enabled === false ? ' is-disabled' : ''}`}
      data-param={name}
      data-testid={`field-${name}`}
    >
      <div className="cmp-field-head">
        {onToggle ? (
          <input
            type="checkbox"
            checked={enabled !== false}
            aria-label={`Send ${name}`}
            title="Send this parameter"
            onChange={(e) => onToggle(e.target.checked)}
          />
        ) : null}
        <label htmlFor={id} className="cmp-label">
          {label} <code className="cmp-name">{name}</code>
          {required ? (
            <span className="cmp-required" title="Needed for this kind of hit">
              {' '}
              required
            </span>
          ) : null}
          {spec?.requiresAuth ? <span className="cmp-auth"> needs token_auth</span> : null}
          {spec?.legacy ? <span className="cmp-legacy"> not read by Matomo 5</span> : null}
        </label>
        {secret ? <RevealButton revealed={reveal} onToggle={() => setReveal(!reveal)} /> : null}
        {onRemove ? (
          <button
            type="button"
            className="button ghost small"
            aria-label={`Remove ${name}`}
            title="Remove"
            onClick={onRemove}
          >
            ✕
          </button>
        ) : null}
      </div>
      {long ? (
        <textarea {...input} rows={3} />
      ) : (
        <input {...input} type={secret && !reveal ? 'password' : 'text'} autoComplete="off" />
      )}
      {missing ? (
        <div className="cmp-missing" id={missingId}>
          Still empty: this kind of hit needs it.
        </div>
      ) : null}
      {spec ? <div className="cmp-help">{spec.description}</div> : null}
      <IssueList issues={issues} />
    </div>
  );
}
