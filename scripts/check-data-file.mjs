// Checks every line of a Hitscope data file (hits.ndjson): the line parses, and it holds as
// many hits as its request states (`hitCount`). A line written in slices (a bulk: each hit
// after a tab) is checked piece by piece: the head ends where the hits open, each piece but
// the last ends with a comma, the last closes the line, and every piece parses on its own.
//   node scripts/check-data-file.mjs <data-dir>/hits.ndjson
// Prints one line per faulty record and exits 1 when there is any.
import { createReadStream } from 'node:fs';

const NEWLINE = 0x0a;
const HITS_OPEN = '"hits":[';
const LINE_CLOSE = ']}';

/** What is wrong with one line (its text), or null. */
export function lineFault(text) {
  if (!text.includes('\t')) {
    let line;
    try {
      line = JSON.parse(text);
    } catch (error) {
      return `not JSON (${error.message})`;
    }
    const stated = line?.request?.hitCount;
    const held = Array.isArray(line?.hits) ? line.hits.length : -1;
    return stated === held ? null : `hitCount ${stated}, ${held} hits`;
  }
  const pieces = text.split('\t');
  const head = pieces[0];
  if (!head.endsWith(HITS_OPEN)) return 'sliced line whose head does not open the hits';
  let stated;
  try {
    stated = JSON.parse(`${head}${LINE_CLOSE}`).request.hitCount;
  } catch (error) {
    return `head not JSON (${error.message})`;
  }
  const held = pieces.length - 1;
  const faults = [];
  if (held !== stated) faults.push(`hitCount ${stated}, ${held} hit pieces`);
  let broken = 0;
  let firstBroken = -1;
  for (let i = 1; i < pieces.length; i++) {
    const piece = pieces[i];
    const last = i === pieces.length - 1;
    const end = last ? LINE_CLOSE : ',';
    try {
      if (!piece.endsWith(end)) throw new Error(`does not end with ${end}`);
      const hit = JSON.parse(piece.slice(0, -end.length));
      if (typeof hit?.id !== 'string') throw new Error('no id');
    } catch {
      broken++;
      if (firstBroken < 0) firstBroken = i - 1;
    }
  }
  if (broken > 0) faults.push(`${broken} pieces do not parse (first: hit ${firstBroken})`);
  return faults.length > 0 ? faults.join('; ') : null;
}

/** Calls `onLine(text, number, offset)` for each line of the file. */
export async function eachLine(path, onLine) {
  let pending = [];
  let number = 0;
  let offset = 0;
  let lineStart = 0;
  for await (const data of createReadStream(path, { highWaterMark: 1 << 20 })) {
    let from = 0;
    for (;;) {
      const at = data.indexOf(NEWLINE, from);
      if (at < 0) {
        if (from < data.length) pending.push(data.subarray(from));
        break;
      }
      pending.push(data.subarray(from, at));
      number++;
      onLine(Buffer.concat(pending).toString('utf8'), number, lineStart);
      pending = [];
      from = at + 1;
      lineStart = offset + from;
    }
    offset += data.length;
  }
  if (pending.length > 0) onLine(Buffer.concat(pending).toString('utf8'), number + 1, lineStart);
}

/** Every faulty line of the file: { number, offset, bytes, fault }. */
export async function checkDataFile(path) {
  const faulty = [];
  let lines = 0;
  await eachLine(path, (text, number, offset) => {
    lines++;
    if (text.length === 0) return;
    const fault = lineFault(text);
    if (fault) faulty.push({ number, offset, bytes: Buffer.byteLength(text), fault });
  });
  return { lines, faulty };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const path = process.argv[2];
  if (!path) {
    console.error('usage: node scripts/check-data-file.mjs <hits.ndjson>');
    process.exit(2);
  }
  const { lines, faulty } = await checkDataFile(path);
  for (const line of faulty) {
    console.log(`line ${line.number} (byte ${line.offset}, ${line.bytes} bytes): ${line.fault}`);
  }
  console.log(`${lines} lines, ${faulty.length} faulty`);
  process.exit(faulty.length > 0 ? 1 : 0);
}
