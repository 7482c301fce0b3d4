import {
  timezoneProblem,
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

/** A rule typed as text: empty keeps Matomo's default, shown as the placeholder. */
function RuleText({
  label,
  help,
  error,
  value,
  matomoDefault,
  numeric = false,
  onChange,
}: {
  label: string;
  help: string;
  error: string | null;
  value: string;
  matomoDefault: string;
  numeric?: boolean;
  onChange: (value: string) => void;
}) {
  return (
    <HelpField className="narrow" label={label} help={help} error={error}>
      {(control) => (
        <input
          {...control}
          className="input"
          {...(numeric ? { inputMode: 'numeric' as const } : {})}
          placeholder={matomoDefault}
          spellCheck={false}
          autoComplete="off"
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </HelpField>
  );
}

/**
 * How Matomo splits a site's hits into visits: the visit length, whether a new campaign or
 * website referrer opens a new visit, the site's time zone and whether midnight there opens
 * one, and whether a user id becomes the visitor id. Matomo reads the rules from
 * config/global.ini.php (visit_standard_length, create_new_visit_when_campaign_changes,
 * create_new_visit_when_website_referrer_changes, create_new_visit_after_midnight,
 * enable_userid_overwrites_visitorid) and the time zone from the site's settings; empty or
 * "default" keeps Matomo's value.
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
      <RuleText
        label="Visit length (seconds)"
        help={`Inactivity after which the next action opens a new visit. Empty: ${VISIT_RULE_DEFAULTS.visitLength} (${minutes} min), Matomo’s visit_standard_length.`}
        error={visitLengthProblem(rules.visitLength)}
        value={rules.visitLength}
        matomoDefault={String(VISIT_RULE_DEFAULTS.visitLength)}
        numeric
        onChange={(visitLength) => onChange({ ...rules, visitLength })}
      />
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
      <RuleText
        label="Time zone"
        help="The site’s time zone, as in its Matomo settings: days (and so midnight) are counted in it. An IANA name such as Europe/Paris, or UTC+5.5; empty: UTC."
        error={timezoneProblem(rules.timezone)}
        value={rules.timezone}
        matomoDefault={VISIT_RULE_DEFAULTS.timezone}
        onChange={(timezone) => onChange({ ...rules, timezone })}
      />
      <RuleSelect
        label="New visit at midnight"
        help="A hit on another day than its visit’s last action, in the site’s time zone, opens a new visit (create_new_visit_after_midnight)."
        value={rules.midnight}
        matomoDefault={VISIT_RULE_DEFAULTS.midnight}
        onChange={(midnight) => onChange({ ...rules, midnight })}
      />
      <RuleSelect
        label="User id becomes the visitor id"
        help="A hit’s user id (uid) replaces its visitor id, so one user is one visitor on every device; off: a different user id opens a new visit (enable_userid_overwrites_visitorid)."
        value={rules.userIdOverwrites}
        matomoDefault={VISIT_RULE_DEFAULTS.userIdOverwrites}
        onChange={(userIdOverwrites) => onChange({ ...rules, userIdOverwrites })}
      />
    </fieldset>
  );
}
