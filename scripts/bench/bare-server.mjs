// The baseline: a bare node:http server that answers every request with 204, run as a
// child process like the capture server so both get the same share of the machine.
// Given an answer (JSON argument: status, headers, base64 body) it sends that instead: the
// benchmark uses it to show what answering the tracking GIF costs a server doing nothing else.
// Given a file as well, it first appends each request (time, method, URL, headers, peer) to
// it as one JSON line, coalesced per event-loop pass and written before the answer, as the
// capture server's storage rule demands: the least any server keeping that rule must do,
// without parsing or checking anything. Given a bundle of the protocol engine as well
// (source-bundle.mjs), it first analyses each request as the capture server does: the least
// a server must do that keeps the storage rule and answers with Matomo's exact verdict.
import { createServer } from 'node:http';
import { openSync, writeSync } from 'node:fs';

const answer = process.argv[2] ? JSON.parse(process.argv[2]) : null;
const body = answer ? Buffer.from(answer.body, 'base64') : null;
const journal = process.argv[3] ? openSync(process.argv[3], 'a') : null;
const analyzeRequest = process.argv[4] ? (await import(process.argv[4])).analyzeRequest : null;
const NO_ORDERS = new Set();
const EMPTY = new Uint8Array(0);

/** The number of hits the engine finds in the request (it is journaled with the request). */
function analyse(req, payload) {
  const at = req.url.indexOf('?');
  return analyzeRequest(
    {
      method: req.method,
      path: at === -1 ? req.url : req.url.slice(0, at),
      query: at === -1 ? '' : req.url.slice(at + 1),
      headers: req.headers,
      body: payload,
      remoteAddress: req.socket.remoteAddress,
    },
    { now: Date.now(), sites: [], seenOrders: NO_ORDERS },
  ).hits.length;
}

let lines = [];
let pending = [];
function flush() {
  const bytes = Buffer.from(lines.join(''), 'utf8');
  const waiting = pending;
  lines = [];
  pending = [];
  let offset = 0;
  while (offset < bytes.length) offset += writeSync(journal, bytes, offset, bytes.length - offset);
  for (const send of waiting) send();
}

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const send = () => {
      if (answer) {
        res.writeHead(answer.status, { ...answer.headers, 'content-length': body.length });
        res.end(body);
        return;
      }
      res.statusCode = 204;
      res.end();
    };
    if (journal === null) return send();
    const record = {
      t: Date.now(),
      method: req.method,
      url: req.url,
      headers: req.headers,
      peer: req.socket.remoteAddress,
      ...(analyzeRequest
        ? { hits: analyse(req, chunks.length === 0 ? EMPTY : Buffer.concat(chunks)) }
        : {}),
    };
    lines.push(`${JSON.stringify(record)}\n`);
    if (pending.push(send) === 1) setImmediate(flush);
  });
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`listening ${server.address().port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
