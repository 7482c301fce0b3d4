import { paramValueText } from '../../../shared/matomo/param-text';
import { paramLabel } from '../../../shared/matomo/params';
import { isTokenName, TOKEN_MASK, tokenMask } from '../../lib/mask-token';
import { worstSeverity } from '../../lib/issues';
import type { ParamEntry } from '../../lib/param-groups';
import { Highlight } from '../common/highlight';
import { HelpTip } from './help-tip';
import { ParamColumnButton } from './param-column-button';
import { ValueView } from './value-view';
import { CutNotice } from './cut-notice';
import { useState, type ReactNode } from 'react';
import type { CutTextDto } from '../../../shared/api/types';

const RICH_TYPES = new Set(['url', 'datetime', 'timestamp', 'resolution', 'json']);
// Decoded as tables or split URLs: too wide for a column, shown on a line of their own.
const WIDE_TYPES = new Set(['url', 'json']);

/**
 * The beginning of a cut value (tens of kilobytes) in a box of its own height, scrolled
 * inside (and by keyboard: it takes focus), so the table stays readable.
 */
function Scrolled({ cut, label, children }: { cut: boolean; label: string; children: ReactNode }) {
  if (!cut) return <>{children}</>;
  return (
    <div className="cut-value" tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  );
}

/** One parameter: label and name, raw value, decoded value, help, and its issues. */
export function ParamRow({
  entry,
  reveal,
  focused,
  matched,
  hitId,
  cut,
}: {
  entry: ParamEntry;
  reveal: boolean;
  focused: boolean;
  matched: boolean;
  hitId: string;
  /** Set when the value arrived cut: its whole size. */
  cut?: CutTextDto | undefined;
}) {
  // Kept per hit: the row of the same parameter of the next hit starts cut again.
  const [loaded, setLoaded] = useState<{ hitId: string; text: string } | null>(null);
  const whole = loaded?.hitId === hitId ? loaded.text : null;
  const { name, spec, decoded, issues } = entry;
  const worst = worstSeverity(issues);
  // `token_auth[]` and `token_auth[0]` are arrays PHP reads as token_auth: masked too.
  const isToken = spec?.type === 'token' || isTokenName(name);
  const raw = paramValueText(decoded.raw);
  const masked = isToken && !reveal;
  const rawShown = masked ? (raw ? TOKEN_MASK : '') : reveal ? raw : tokenMask.maskFreeText(raw);
  // Plain values that decode to exactly what was sent are shown once.
  const sameAsRaw = !isToken && decoded.display === raw && !RICH_TYPES.has(spec?.type ?? '');
  const wide = !isToken && decoded.value !== undefined && WIDE_TYPES.has(spec?.type ?? '');
  const scrolledDecoded = (view: ReactNode) => (
    <Scrolled cut={cut !== undefined} label={`Beginning of ${name}, decoded`}>
      {view}
    </Scrolled>
  );
  const decodedView = masked ? (
    scrolledDecoded(
      // The catalogue's token display already hides the value (it gives its length).
      <span className="muted">
        {spec?.type === 'token' ? decoded.display || TOKEN_MASK : TOKEN_MASK}
      </span>,
    )
  ) : (
    <ValueView name={name} decoded={decoded} spec={spec} frame={scrolledDecoded} />
  );
  const classes = ['param-row'];
  if (worst) classes.push(`has-${worst}`);
  if (focused) classes.push('focused');
  if (matched) classes.push('matched');
  return (
    <>
      <tr
        id={`param-${name}`}
        className={classes.join(' ')}
        data-param={name}
        data-severity={worst ?? undefined}
        aria-current={focused ? 'true' : undefined}
      >
        <th scope="row" className="param-name">
          <span className="param-label">{paramLabel(name) ?? <Highlight text={name} />}</span>
          <code>
            <Highlight text={name} />
          </code>
          {spec ? <HelpTip spec={spec} /> : null}
          {isToken ? null : <ParamColumnButton name={name} />}
        </th>
        <td
          className={`param-raw mono${sameAsRaw ? ' used-as-sent' : ''}`}
          title={sameAsRaw ? 'Raw value, used as sent' : 'Raw value as received'}
          colSpan={sameAsRaw || wide ? 2 : 1}
        >
          <Scrolled cut={cut !== undefined} label={`Beginning of ${name}`}>
            <Highlight text={rawShown} />
          </Scrolled>
        </td>
        {sameAsRaw || wide ? null : <td className="param-decoded">{decodedView}</td>}
      </tr>
      {wide ? (
        <tr className={`param-wide${focused ? ' focused' : ''}`}>
          <td colSpan={3}>{decodedView}</td>
        </tr>
      ) : null}
      {issues.length || entry.suggestion || cut ? (
        <tr className={`param-notes${focused ? ' focused' : ''}`}>
          <td colSpan={3}>
            {cut ? (
              <CutNotice
                size={cut}
                shown={raw}
                source={{ hitId, param: name }}
                label={`value of ${name}`}
                {...(isToken ? {} : { onWhole: (text: string) => setLoaded({ hitId, text }) })}
              />
            ) : null}
            {whole !== null ? (
              <pre className="raw-block body" data-testid="whole-value">
                <Highlight text={reveal ? whole : tokenMask.maskFreeText(whole)} />
              </pre>
            ) : null}
            {entry.suggestion ? (
              <div className="param-note info">
                Unknown parameter. Did you mean <code>{entry.suggestion}</code>?
              </div>
            ) : null}
            {issues.map((issue, i) => (
              <div key={i} className={`param-note ${issue.severity}`}>
                <code>{issue.code}</code> <Highlight text={issue.message} />
              </div>
            ))}
          </td>
        </tr>
      ) : null}
    </>
  );
}
