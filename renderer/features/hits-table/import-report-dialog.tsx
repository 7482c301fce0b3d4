import { formatCount, plural } from '../../lib/format';
import { importSummary } from '../../lib/import-summary';
import { useAppStore } from '../../store/store-context';
import { Dialog } from '../common/dialog';
import '../../styles/import-report.css';

/** What an import did when it needs reading: the error, or the lines it skipped and why. */
export function ImportReportDialog() {
  const report = useAppStore((s) => s.importReport);
  const dismiss = useAppStore((s) => s.dismissImportReport);
  if (!report) return null;
  const { result, error, fileName } = report;
  const unit = result?.format === 'har' ? 'Entry' : 'Line';
  const unlisted = result ? result.skippedCount - result.skipped.length : 0;
  return (
    <Dialog
      title={error ? 'Import failed' : 'Import finished'}
      onClose={dismiss}
      wide
      footer={
        <button type="button" className="button primary" onClick={dismiss}>
          Close
        </button>
      }
    >
      <div className="import-report" data-testid="import-report">
        {error ? (
          <p role="alert" className="import-error">
            {fileName ? `${fileName} could not be imported: ` : 'The file could not be imported: '}
            {error}
          </p>
        ) : null}
        {result ? <p>{importSummary(result, fileName)}</p> : null}
        {result && result.skipped.length > 0 ? (
          <table className="import-skips">
            <caption>Not imported</caption>
            <thead>
              <tr>
                <th scope="col">{unit}</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {result.skipped.map((skip) => (
                <tr key={`${skip.line ?? ''}:${skip.entry ?? ''}:${skip.reason}`}>
                  <td className="mono">{skip.line ?? skip.entry}</td>
                  <td>{skip.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        {unlisted > 0 ? (
          <p className="muted">…and {formatCount(unlisted)} more not listed here.</p>
        ) : null}
        {result?.maskedTokens ? (
          <p className="import-warning" data-testid="import-masked">
            {plural(result.maskedTokens, 'hit')} came with a masked token_auth (as exports and
            copies write it): they were checked without the real token, so what needs it (cip, cdt,
            …) may be rejected. Export with tokens to keep them.
          </p>
        ) : null}
        {result?.changed && result.changed.length > 0 ? (
          <table className="import-skips" data-testid="import-changes">
            <caption>
              Outcome changed ({formatCount(result.changedCount ?? result.changed.length)})
            </caption>
            <thead>
              <tr>
                <th scope="col">{unit}</th>
                <th scope="col">Was → now</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {result.changed.map((change) => (
                <tr key={`${change.line ?? ''}:${change.entry ?? ''}:${change.index}`}>
                  <td className="mono">
                    {change.line ?? change.entry}
                    {change.index > 0 ? ` #${change.index}` : ''}
                  </td>
                  <td>
                    {change.was} → {change.now}
                  </td>
                  <td>{change.why}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </div>
    </Dialog>
  );
}
