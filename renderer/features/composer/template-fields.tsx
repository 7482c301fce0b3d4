import { HIT_TEMPLATES } from '../../../shared/matomo/templates';
import type { Issue } from '../../../shared/matomo/types';
import { useAppStore } from '../../store/store-context';
import { dropParam, fieldList, upsertParam } from '../../requests/draft';
import { ItemsEditor } from './items-editor';
import { ParamField } from './param-field';

/** The fields of the chosen kind of hit, bound to the draft's parameters by name. */
export function TemplateFields({ issuesFor }: { issuesFor(name: string): Issue[] }) {
  const template = useAppStore((s) => HIT_TEMPLATES[s.draft.template]);
  const params = useAppStore((s) => s.draft.params);
  const updateDraft = useAppStore((s) => s.updateDraft);
  const undo = useAppStore((s) => s.draftUndo);
  const undoDraft = useAppStore((s) => s.undoDraft);
  const valueOf = (name: string) => params.find((p) => p.name === name && p.enabled)?.value ?? '';
  // An emptied field leaves the request, so nothing empty is sent.
  const change = (name: string, value: string) =>
    updateDraft((d) => (value === '' ? dropParam(d, name) : upsertParam(d, name, value)));
  return (
    <section className="cmp-section" aria-label={`${template.label} fields`}>
      <p className="cmp-template-help muted">{template.description}</p>
      {undo ? (
        <div className="cmp-note" role="status" data-testid="template-undo">
          Switching to {template.label} removed what you typed in {fieldList(undo.dropped)}.{' '}
          <button type="button" className="button small" onClick={undoDraft}>
            Undo
          </button>
        </div>
      ) : null}
      {template.fields
        .filter((f) => !(template.items && f.name === 'ec_items'))
        .map((field) => (
          <ParamField
            key={field.name}
            name={field.name}
            value={valueOf(field.name)}
            required={field.required ?? false}
            {...(field.example !== undefined ? { example: field.example } : {})}
            issues={issuesFor(field.name)}
            onChange={(value) => change(field.name, value)}
          />
        ))}
      {template.items ? (
        <ItemsEditor
          value={valueOf('ec_items')}
          issues={issuesFor('ec_items')}
          onChange={(value) => change('ec_items', value)}
          onUseTotal={(total) =>
            updateDraft((d) => {
              const withRevenue = upsertParam(d, 'revenue', total);
              return template.id === 'ecommerce_order'
                ? upsertParam(withRevenue, 'ec_st', total)
                : withRevenue;
            })
          }
        />
      ) : null}
    </section>
  );
}
