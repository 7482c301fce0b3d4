// HTTP side of the reporting-API subset at / and /index.php: parameters come from the query
// string and, for POST, the form body (the log importer posts a form), merged like PHP's
// $_GET + $_POST with the query string winning.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SiteProfile } from '../../../shared/matomo/types';
import type { ServerLogger } from '../contracts';
import { readBody } from './read-body';
import { answerReportingCall, isReportingCall } from './reporting-api';
import { writeAnswer } from './respond';

const MAX_FORM_BYTES = 1024 * 1024;

function isForm(req: IncomingMessage): boolean {
  return (req.headers['content-type'] ?? '')
    .toLowerCase()
    .startsWith('application/x-www-form-urlencoded');
}

/** Handles the request when it is a reporting-API call; null leaves it to the admin handler. */
export function handleReporting(
  req: IncomingMessage,
  res: ServerResponse,
  query: string,
  sites: SiteProfile[],
  logger: ServerLogger,
): Promise<void> | null {
  const fromQuery = new URLSearchParams(query);
  const viaQuery = isReportingCall(fromQuery);
  if (!viaQuery && !(req.method === 'POST' && isForm(req))) return null;
  return (async () => {
    const params = new URLSearchParams();
    if (req.method === 'POST') {
      const read = await readBody(req, {
        maxBytes: MAX_FORM_BYTES,
        idleTimeoutMs: 15_000,
        keepBytes: 0,
      });
      if (!read.ok) {
        writeAnswer(
          res,
          read.reason === 'too_large' ? 413 : 400,
          { 'content-type': 'application/json' },
          JSON.stringify({ result: 'error', message: 'The API request body could not be read.' }),
          { close: true },
        );
        return;
      }
      if (isForm(req))
        for (const [key, value] of new URLSearchParams(read.body.toString('utf8')))
          params.set(key, value);
    }
    for (const [key, value] of fromQuery) params.set(key, value);
    if (!isReportingCall(params)) {
      writeAnswer(
        res,
        404,
        { 'content-type': 'text/plain; charset=utf-8' },
        'This address answers the Matomo reporting API (module=API) and the Hitscope UI; nothing else is posted here.\n',
      );
      return;
    }
    const answer = answerReportingCall(params, sites);
    logger.log('info', 'Reporting API call', {
      method: params.get('method'),
      status: answer.status,
    });
    writeAnswer(
      res,
      answer.status,
      { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
      answer.body,
    );
  })();
}
