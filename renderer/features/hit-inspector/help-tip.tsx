import { useId } from 'react';
import type { ParamSpec } from '../../../shared/matomo/params';
import { protocolSection } from '../../../shared/matomo/protocol-sections';

function facts(spec: ParamSpec): string[] {
  const list = [`type ${spec.type}`];
  if (spec.maxLength) list.push(`max ${spec.maxLength} characters`);
  if (spec.range) {
    const { min, max } = spec.range;
    list.push(`range ${min ?? '…'}–${max ?? '…'}`);
  }
  if (spec.defaultValue !== undefined) list.push(`default ${String(spec.defaultValue)}`);
  if (spec.requiresAuth) list.push('needs token_auth');
  if (spec.legacy) list.push('no longer read');
  if (spec.plugin) list.push(`plugin ${spec.plugin}`);
  const section = protocolSection(spec.spec);
  if (section) list.push(`Matomo rule: ${section.title.toLowerCase()}`);
  return list;
}

/** "?" with the catalogue's description; shown on hover and on keyboard focus. */
export function HelpTip({ spec }: { spec: ParamSpec }) {
  const id = useId();
  return (
    <span className="help-tip">
      <button
        type="button"
        className="help-button"
        aria-describedby={id}
        aria-label={`About ${spec.name}`}
      >
        ?
      </button>
      <span role="tooltip" id={id} className="tooltip">
        <strong>{spec.label}</strong>
        <span>{spec.description}</span>
        <span className="faint">{facts(spec).join(' · ')}</span>
      </span>
    </span>
  );
}
