// Reads an admin API answer to its end without parsing it: a stall test's monitor counts its
// own process, and parsing the JSON of a hit of megabytes there would count as the server's
// stall.
import { get } from 'node:http';
import { sendInPieces } from './piecewise-send';
import { TEST_TOKEN } from './server-harness';

export function readThrough(url: string, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    get(`${url}${path}`, { headers: { authorization: `Bearer ${TEST_TOKEN}` } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    }).on('error', reject);
  });
}

/**
 * POSTs a JSON body to an admin route; the answer's status and text, unparsed. The body comes
 * encoded and goes out in pieces (piecewise-send.ts): encoding or copying a body of tens of
 * megabytes here would count as the server's stall.
 */
export const postJson = (
  url: string,
  path: string,
  body: Buffer,
): Promise<{ status: number; text: string }> =>
  sendInPieces(`${url}${path}`, body, {
    authorization: `Bearer ${TEST_TOKEN}`,
    'content-type': 'application/json',
  });
