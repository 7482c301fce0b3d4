import type { RequestRecordDto } from '../../../shared/api/types';
import { LocalTime } from '../common/local-time';

/** The note's ISO time of the import, shown as every time in the UI is. */
function withLocalTime(message: string, iso: string) {
  const at = message.indexOf(iso);
  if (at < 0) return message;
  return (
    <>
      {message.slice(0, at)}
      <LocalTime at={iso} />
      {message.slice(at + iso.length)}
    </>
  );
}

/** Says that a request came from a file, where from, and what changed on the way. */
export function ImportedNote({ request }: { request: RequestRecordDto | null }) {
  if (!request?.imported) return null;
  const issue = request.issues.find((item) => item.code === 'request.imported');
  const file = request.imported.file ? ` from ${request.imported.file}` : '';
  return (
    <p
      className={`imported-note${issue?.severity === 'warning' ? ' warning' : ''}`}
      data-testid="imported-note"
    >
      {issue ? withLocalTime(issue.message, request.imported.importedAt) : `Imported${file}.`}
    </p>
  );
}
