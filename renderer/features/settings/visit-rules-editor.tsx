import {
  VISIT_RULE_DEFAULTS,
  visitLengthProblem,
  type RuleChoice,
  type VisitRulesDraft,
} from '../../lib/visit-rules-form';
import { HelpField } from '../common/help-field';
import './visit-rules-editor.css';

const onOff = (value: boolean) => (value ? 'yes' : 'no');

function RuleSelect({
  label,
  help,
  value,
  matomoDefault,
  onChange,
}: {
  label: string;
  help: string;
  value: RuleChoice;
  matomoDefault: boolean;
  onChange: (value: RuleChoice) => void;
}) {
  return (
    <HelpField label={label} help={help}>
      {(control) => (
        <select
          {...control}
          className="input"
          value={value}
          onChange={(e) => onChange(e.target.value as RuleChoice)}
        >
          <option value="">Matomo’s default ({onOff(matomoDefault)})</option>
          <option value="on">Yes</option>
          <option value="off">No</option>
        </select>
      )}
    </HelpField>
  );
}

/**
 * How Matomo splits a site's hits into visits: the visit length and whether a new campaign or
 * website referrer opens a new visit. Matomo reads them from config/global.ini.php
 * (visit_standard_length, create_new_visit_when_campaign_changes,
 * create_new_visit_when_website_referrer_changes); empty or "default" keeps Matomo's value.
 */
export function VisitRulesEditor({
  site,
  rules,
  onChange,
}: {
  site: string;
  rules: VisitRulesDraft;
  onChange: (rules: VisitRulesDraft) => void;
}) {
  const minutes = VISIT_RULE_DEFAULTS.visitLength / 60;
  return (
    <fieldset className="visit-rules">
      <legend>Visits of site {site}</legend>
      <HelpField
        className="narrow"
        label="Visit length (seconds)"
        help={`Inactivity after which the next action opens a new visit. Empty: ${VISIT_RULE_DEFAULTS.visitLength} (${minutes} min), Matomo’s visit_standard_length.`}
        error={visitLengthProblem(rules.visitLength)}
      >
        {(control) => (
          <input
            {...control}
            className="input"
            inputMode="numeric"
            placeholder={String(VISIT_RULE_DEFAULTS.visitLength)}
            value={rules.visitLength}
            onChange={(e) => onChange({ ...rules, visitLength: e.target.value })}
          />
        )}
      </HelpField>
      <RuleSelect
        label="New visit when the campaign changes"
        help="A hit whose campaign differs from its visit’s opens a new visit (create_new_visit_when_campaign_changes)."
        value={rules.campaignChange}
        matomoDefault={VISIT_RULE_DEFAULTS.campaignChange}
        onChange={(campaignChange) => onChange({ ...rules, campaignChange })}
      />
      <RuleSelect
        label="New visit when the website referrer changes"
        help="A hit from another referring website than its visit’s opens a new visit (create_new_visit_when_website_referrer_changes)."
        value={rules.referrerChange}
        matomoDefault={VISIT_RULE_DEFAULTS.referrerChange}
        onChange={(referrerChange) => onChange({ ...rules, referrerChange })}
      />
    </fieldset>
  );
}
