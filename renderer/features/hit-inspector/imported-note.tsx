import type { RequestRecordDto } from '../../../shared/api/types';

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
      {issue?.message ?? `Imported${file}.`}
    </p>
  );
}
