import type { SendResponseDto } from '../../../shared/api/types';

function base64Size(text: string): number {
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  return Math.floor((text.length * 3) / 4) - padding;
}

/** The JSON value of a body, or undefined when it is not JSON (then it is shown as text). */
function readJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The answer's body in its most readable form: bulk JSON parsed, debug text as is, images named. */
export function ResponseBody({ response }: { response: SendResponseDto }) {
  const type = (
    Object.entries(response.headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? ''
  ).toLowerCase();
  if (response.body === '') {
    return <p className="muted">No body{response.status === 204 ? ' (204 No Content)' : ''}.</p>;
  }
  if (response.bodyEncoding === 'base64') {
    const size = base64Size(response.body);
    return (
      <p className="muted">
        {type.startsWith('image/gif') && size === 43
          ? 'The 43-byte transparent GIF: Matomo’s answer to a tracked (or excluded) request.'
          : `${type || 'Binary'} body, ${size} bytes.`}
      </p>
    );
  }
  const parsed =
    type.includes('json') || /^\s*[{[]/.test(response.body) ? readJson(response.body) : undefined;
  if (parsed !== undefined) {
    const bulk = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as {
      status?: unknown;
      tracked?: unknown;
      invalid?: unknown;
    };
    return (
      <>
        {typeof bulk.tracked === 'number' ? (
          <p className="cmp-bulk-summary">
            Bulk answer: <strong>{String(bulk.status)}</strong>, tracked {bulk.tracked}, invalid{' '}
            {String(bulk.invalid ?? 0)}
          </p>
        ) : null}
        <pre className="cmp-body mono">{JSON.stringify(parsed, null, 2)}</pre>
      </>
    );
  }
  return <pre className="cmp-body mono">{response.body}</pre>;
}
