// Reads an admin API answer to its end without parsing it: a stall test's monitor counts its
// own process, and parsing the JSON of a hit of megabytes there would count as the server's
// stall.
import { get, request } from 'node:http';
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
 * encoded: encoding a string of tens of megabytes here (as `fetch` does for a string body)
 * would count as the server's stall. Node's HTTP client writes the buffer as it is, no copy.
 */
export function postJson(
  url: string,
  path: string,
  body: Buffer,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${TEST_TOKEN}`,
        'content-type': 'application/json',
        'content-length': body.length,
      },
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}
