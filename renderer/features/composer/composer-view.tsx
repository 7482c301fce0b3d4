import { useMemo, useState } from 'react';
import type { Issue } from '../../../shared/matomo/types';
import { issuesByParam } from '../../lib/issues';
import { useAppStore } from '../../store/store-context';
import { bulkBody } from '../../requests/bulk-body';
import { AllParams } from './all-params';
import { ComposerToolbar } from './composer-toolbar';
import { CopyMenu } from './copy-menu';
import { DefaultsPanel } from './defaults-panel';
import { HeadersEditor } from './headers-editor';
import { analyzeSendRequest } from '../../requests/analyze-draft';
import { useDeviceDetectorReady } from '../../requests/use-device-detector';
import { emptyRequiredFields, enabledPairs, untouchedTemplate } from '../../requests/draft';
import { bulkEntryFor, composerSendPlan } from '../../requests/send-plan';
import { OtherParams } from './other-params';
import { RawEditor } from './raw-editor';
import { ResultPanel } from './result-panel';
import { TemplateFields } from './template-fields';
import { useComposerSend } from './use-composer-send';
import { ValidationPanel } from './validation-panel';
import './composer.css';

const NO_ISSUES: Issue[] = [];

/** Compose a tracking request from a form or as text, validate it live, send it, see the answer. */
export function ComposerView() {
  const draft = useAppStore((s) => s.draft);
  const prefs = useAppStore((s) => s.composerPrefs);
  const target = useAppStore((s) => s.composerTarget);
  const sites = useAppStore((s) => s.settings?.sites);
  const upstream = useAppStore((s) => s.settings?.upstreamUrl ?? '');
  const sendState = useAppStore((s) => s.composerSend);
  const editingBulkKey = useAppStore((s) => s.editingBulkKey);
  const addBulkEntries = useAppStore((s) => s.addBulkEntries);
  const updateBulkEntry = useAppStore((s) => s.updateBulkEntry);
  const setView = useAppStore((s) => s.setView);
  const notify = useAppStore((s) => s.notify);
  const send = useComposerSend();
  // Validation sees the request as it would be sent, send-time values included.
  const [now] = useState(() => Date.now());
  const origin = window.location.origin;
  const baseUrl = target === 'self' ? origin : target === 'upstream' ? upstream : target;

  const plan = useMemo(
    () => composerSendPlan(draft, prefs, target, new Date(now), () => 0.5),
    [draft, prefs, target, now],
  );
  const preview = plan.kind === 'unreadable' ? null : plan.request;
  // Computed again once the device detector has loaded (it loads on demand).
  const devicesReady = useDeviceDetectorReady();
  const analysis = useMemo(
    () => (preview ? analyzeSendRequest(preview, { sites: sites ?? [], now, devicesReady }) : null),
    [preview, sites, now, devicesReady],
  );
  // Before anything is typed into the kind's required fields, nothing is marked wrong: the
  // empty fields are listed as still to fill in instead.
  const untouched = plan.kind === 'single' && untouchedTemplate(draft);
  const emptyRequired = plan.kind === 'single' ? emptyRequiredFields(draft) : [];
  const paramIssues = useMemo(
    () =>
      issuesByParam(plan.kind === 'single' && !untouched ? (analysis?.hits[0]?.issues ?? []) : []),
    [analysis, plan.kind, untouched],
  );
  const issuesFor = (name: string) => paramIssues.get(name) ?? NO_ISSUES;

  const pairs = enabledPairs(draft);
  const token = pairs.find((p) => p.name === 'token_auth')?.value ?? '';
  const entry = bulkEntryFor(pairs.filter((p) => p.name !== 'token_auth'));
  const bulkJson =
    plan.kind === 'bulk'
      ? (plan.request.body ?? '')
      : bulkBody([entry], { tokenAuth: token, sendImage: 'omit' });

  return (
    <div
      className="cmp-view"
      onKeyDown={(e) => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          void send();
        }
      }}
    >
      <ComposerToolbar onSend={() => void send()} />
      <div className="cmp-columns">
        <div className="cmp-form" aria-label="Request form">
          <TemplateFields issuesFor={issuesFor} />
          <OtherParams issuesFor={issuesFor} />
          <DefaultsPanel />
          <HeadersEditor />
          <AllParams />
        </div>
        <div className="cmp-side">
          <RawEditor baseUrl={baseUrl} />
          <div className="cmp-row">
            {preview ? <CopyMenu request={preview} bulkJson={bulkJson} origin={origin} /> : null}
            <span className="cmp-spacer" />
            {plan.kind !== 'single' ? null : editingBulkKey !== null ? (
              <button
                type="button"
                className="button small primary"
                onClick={() => {
                  updateBulkEntry(editingBulkKey, entry);
                  setView('bulk');
                }}
              >
                Update bulk entry
              </button>
            ) : (
              <button
                type="button"
                className="button small"
                onClick={() => {
                  addBulkEntries([entry]);
                  notify('Added to the bulk builder.');
                }}
              >
                Add to bulk
              </button>
            )}
          </div>
          <ValidationPanel
            analysis={analysis}
            bulk={plan.kind === 'bulk'}
            emptyRequired={emptyRequired}
            untouched={untouched}
          />
          {sendState.status === 'done' ? <ResultPanel record={sendState.record} /> : null}
        </div>
      </div>
    </div>
  );
}
