import { useId, useState } from 'react';
import { PARAM_CATALOGUE, findParamSpec } from '../../../shared/matomo/params';
import { templateFieldNames } from '../../../shared/matomo/templates';
import type { Issue } from '../../../shared/matomo/types';
import { useAppStore } from '../../store/store-context';
import {
  addParam,
  nextDimensionName,
  removeParam,
  setParamValue,
  toggleParam,
} from '../../requests/draft';
import { ParamField } from './param-field';

/** Names offered by the autocomplete: the catalogue, without its pattern entries. */
const SUGGESTIONS = PARAM_CATALOGUE.filter((p) => !p.pattern && !p.legacy);

/**
 * Every parameter of the request that is not a field of the chosen kind (defaults, custom
 * dimensions, anything added or pasted), and the controls to add more.
 */
export function OtherParams({ issuesFor }: { issuesFor(name: string): Issue[] }) {
  const draft = useAppStore((s) => s.draft);
  const updateDraft = useAppStore((s) => s.updateDraft);
  const activeDimensions = useAppStore((s) => {
    const idsite = Number(s.draft.params.find((p) => p.name === 'idsite')?.value);
    return s.settings?.sites.find((site) => site.idsite === idsite)?.dimensions;
  });
  const listId = useId();
  const [name, setName] = useState('');
  const fields = templateFieldNames(draft.template);
  const others = draft.params.filter((p) => !fields.has(p.name) || !p.enabled);
  const add = () => {
    const trimmed = name.trim();
    if (trimmed === '') return;
    updateDraft((d) => addParam(d, trimmed));
    setName('');
  };
  const known = findParamSpec(name.trim());
  return (
    <section className="cmp-section" aria-label="Other parameters">
      <h2 className="cmp-heading">Parameters</h2>
      {others.length === 0 ? <p className="faint">No other parameters.</p> : null}
      {others.map((p) => (
        <ParamField
          key={p.key}
          name={p.name}
          value={p.value}
          enabled={p.enabled}
          issues={p.enabled ? issuesFor(p.name) : []}
          onChange={(value) => updateDraft((d) => setParamValue(d, p.key, value))}
          onToggle={(on) => updateDraft((d) => toggleParam(d, p.key, on))}
          onRemove={() => updateDraft((d) => removeParam(d, p.key))}
        />
      ))}
      <div className="cmp-row">
        <input
          className="input mono cmp-new-param"
          list={listId}
          aria-label="New parameter name"
          placeholder="Add a parameter: name…"
          value={name}
          onChange={(e) => setName(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') add();
          }}
        />
        <datalist id={listId}>
          {SUGGESTIONS.map((p) => (
            <option key={p.name} value={p.name}>
              {p.label}
            </option>
          ))}
        </datalist>
        <button type="button" className="button small" disabled={name.trim() === ''} onClick={add}>
          Add
        </button>
        <button
          type="button"
          className="button small"
          onClick={() => updateDraft((d) => addParam(d, nextDimensionName(d, activeDimensions)))}
        >
          Add custom dimension
        </button>
      </div>
      {name.trim() !== '' ? (
        <div className="cmp-help">
          {known
            ? `${known.label}: ${known.description}`
            : 'Not a Matomo parameter: it is sent as a custom parameter.'}
        </div>
      ) : null}
    </section>
  );
}
