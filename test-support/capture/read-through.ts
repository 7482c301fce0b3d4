// Reads an admin API answer to its end without parsing it: a stall test's monitor counts its
// own process, and parsing the JSON of a hit of megabytes there would count as the server's
// stall.
import { get } from 'node:http';
import { sendInPieces } from './piecewise-send';
import { TEST_TOKEN } from './server-harness';

export function readThrough(url: string, path: string): Promise<number> {
  return readAnswer(url, path, () => undefined);
}

/**
 * An answer read to its end, its chunks kept as they come (a push each): joined and parsed
 * by the caller once the measure is over.
 */
export async function readKeepingChunks(
  url: string,
  path: string,
): Promise<{ status: number; chunks: Buffer[] }> {
  const chunks: Buffer[] = [];
  const status = await readAnswer(url, path, (chunk) => chunks.push(chunk));
  return { status, chunks };
}

function readAnswer(url: string, path: string, onChunk: (chunk: Buffer) => void): Promise<number> {
  return new Promise((resolve, reject) => {
    get(`${url}${path}`, { headers: { authorization: `Bearer ${TEST_TOKEN}` } }, (res) => {
      res.on('data', onChunk);
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
