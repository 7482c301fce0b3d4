import { TEMPLATE_LIST, type TemplateId } from '../../../shared/matomo/templates';
import { useAppStore } from '../../store/store-context';
import { dropParam, setMethod, setPath, upsertParam } from '../../requests/draft';
import { TokenInput } from './token-input';
import { TargetPicker } from './target-picker';

/** Kind of hit, method, target and the send button. */
export function ComposerToolbar({ onSend }: { onSend(): void }) {
  const template = useAppStore((s) => s.draft.template);
  const method = useAppStore((s) => s.draft.method);
  const target = useAppStore((s) => s.composerTarget);
  const sending = useAppStore((s) => s.composerSend.status === 'sending');
  const updateDraft = useAppStore((s) => s.updateDraft);
  const switchDraftTemplate = useAppStore((s) => s.switchDraftTemplate);
  const setTarget = useAppStore((s) => s.setComposerTarget);
  const newDraft = useAppStore((s) => s.newDraft);
  const token = useAppStore(
    (s) => s.draft.params.find((p) => p.name === 'token_auth' && p.enabled)?.value ?? '',
  );
  return (
    <div className="cmp-toolbar" role="toolbar" aria-label="Composer">
      <label className="cmp-inline">
        <span className="muted">Hit type</span>
        <select
          className="select"
          aria-label="Hit type"
          value={template}
          onChange={(e) => switchDraftTemplate(e.target.value as TemplateId)}
        >
          {TEMPLATE_LIST.map((t) => (
            <option key={t.id} value={t.id}>
              {t.label}
            </option>
          ))}
        </select>
      </label>
      <div className="cmp-segmented" role="group" aria-label="Method">
        {(['GET', 'POST'] as const).map((m) => (
          <button
            key={m}
            type="button"
            className="button small"
            aria-pressed={method === m}
            onClick={() => updateDraft((d) => setMethod(d, m))}
          >
            {m}
          </button>
        ))}
      </div>
      <TargetPicker
        target={target}
        onChange={(next, path) => {
          setTarget(next);
          if (path) updateDraft((d) => setPath(d, path));
        }}
      />
      {target !== 'self' || token !== '' ? (
        <TokenInput
          value={token}
          onChange={(value) =>
            updateDraft((d) =>
              value === '' ? dropParam(d, 'token_auth') : upsertParam(d, 'token_auth', value),
            )
          }
        />
      ) : null}
      <span className="cmp-spacer" />
      <button type="button" className="button small" onClick={() => newDraft(template)}>
        New
      </button>
      <button
        type="button"
        className="button primary"
        // Not `disabled`: the browser would drop a disabled button's focus to the page body.
        // A second press while sending is ignored by the send itself.
        aria-disabled={sending}
        onClick={onSend}
        aria-keyshortcuts="Control+Enter"
      >
        {sending ? 'Sending…' : 'Send'}
      </button>
    </div>
  );
}
