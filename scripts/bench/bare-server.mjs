// The baseline: a bare node:http server that answers every request with 204, run as a
// child process like the capture server so both get the same share of the machine.
// Given an answer (JSON argument: status, headers, base64 body) it sends that instead: the
// benchmark uses it to show what answering the tracking GIF costs a server doing nothing else.
import { createServer } from 'node:http';

const answer = process.argv[2] ? JSON.parse(process.argv[2]) : null;
const body = answer ? Buffer.from(answer.body, 'base64') : null;

const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    if (answer) {
      res.writeHead(answer.status, { ...answer.headers, 'content-length': body.length });
      res.end(body);
      return;
    }
    res.statusCode = 204;
    res.end();
  });
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`listening ${server.address().port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
