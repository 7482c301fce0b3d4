// One HTTP request of the benchmarks, timed: status, body text and milliseconds to its end.
import { request } from 'node:http';

export function send(url, { method = 'GET', body, headers = {} } = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request(url, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-length': Buffer.byteLength(body) } : {}),
        ...headers,
      },
    });
    req.on('response', (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode,
          text: Buffer.concat(chunks).toString(),
          ms: performance.now() - started,
        }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}
