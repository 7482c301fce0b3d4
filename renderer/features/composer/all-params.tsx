import { useState } from 'react';
import { PARAM_GROUPS, paramsInGroup } from '../../../shared/matomo/params';
import { useAppStore } from '../../store/store-context';
import { upsertParam } from '../../requests/draft';

/**
 * "All parameters": every parameter of the catalogue by group, so the user can find one
 * without knowing its name. Those already in the request are marked; a click adds one.
 */
export function AllParams() {
  const [open, setOpen] = useState(false);
  const present = useAppStore((s) => s.draft.params);
  const updateDraft = useAppStore((s) => s.updateDraft);
  const names = new Set(present.map((p) => p.name));
  return (
    <section className="cmp-section">
      <button
        type="button"
        className="button small"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        {open ? 'Hide all parameters' : 'All parameters'}
      </button>
      {open ? (
        <div className="cmp-all">
          {PARAM_GROUPS.map((group) => (
            <div key={group} className="cmp-all-group">
              <h3>{group}</h3>
              <ul>
                {paramsInGroup(group)
                  .filter((p) => !p.pattern)
                  .map((p) => (
                    <li key={p.name}>
                      <button
                        type="button"
                        className="button ghost small"
                        disabled={names.has(p.name)}
                        title={p.description}
                        onClick={() => updateDraft((d) => upsertParam(d, p.name, ''))}
                      >
                        <code>{p.name}</code> {p.label}
                        {p.legacy ? ' (legacy)' : ''}
                      </button>
                    </li>
                  ))}
              </ul>
            </div>
          ))}
        </div>
      ) : null}
    </section>
  );
}
