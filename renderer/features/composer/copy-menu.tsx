import type { SendRequestDto } from '../../../shared/api/types';
import { useCopy } from '../common/use-copy';
import { curlFor, sendUrl } from '../../requests/send-plan';

/** Copy the request as a URL, a curl command, or a bulk JSON body. */
export function CopyMenu(props: { request: SendRequestDto; bulkJson: string; origin: string }) {
  const { request, bulkJson, origin } = props;
  const copy = useCopy();
  return (
    <div className="cmp-copy" role="group" aria-label="Copy">
      <button
        type="button"
        className="button small"
        onClick={() =>
          void copy(
            sendUrl(
              request.method === 'POST' && request.body
                ? { ...request, query: request.body }
                : request,
              origin,
            ),
            'the URL',
          )
        }
      >
        Copy URL
      </button>
      <button
        type="button"
        className="button small"
        onClick={() => void copy(curlFor(request, origin), 'the curl command')}
      >
        Copy curl
      </button>
      <button
        type="button"
        className="button small"
        onClick={() => void copy(bulkJson, 'the bulk JSON')}
      >
        Copy bulk JSON
      </button>
    </div>
  );
}
