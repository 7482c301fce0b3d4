// A saved copy of where the data file's lines start (the index's line columns), of the kinds
// of hits each line holds (line-kinds.ts), of the parameter names its hits carry (a bloom:
// line-names.ts) and of the recorded orders, beside the data file,
// so that a restart reads only the lines appended after it before tracking opens, and a
// filtered page during the read-back passes over the lines whose hits cannot match. It is a cache, never the record: written whole to a
// temporary file then renamed (a reader sees an old snapshot or a new one, never half of
// one), and used on start only while it still describes the data file: same format version,
// its own checksum right, the data file at least as long as it says, the bytes at the start
// and at the end of what it covers unchanged, and sampled lines starting where it says with
// the request ids it says. Anything else and it is ignored: the file is scanned whole, as
// without it (slower, never wrong).
import { createHash } from 'node:crypto';
import { readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { unlinkSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { FILE_MODE } from './data-dir';
import { idHash, lineRequestId } from './journal-index';
import { readRange, yieldToLoop } from './journal-scan';
import { ALL_NAMES, NAME_WORDS, type LineKinds } from './line-kinds';

export const SNAPSHOT_FILE_NAME = 'hits.index';
/** Bumped whenever the layout below or the meaning of a column changes. */
export const SNAPSHOT_VERSION = 3;
/**
 * The format before the names' bloom: the same columns without it. Still used (its lines'
 * names unknown) rather than have the first start after an update scan the whole file.
 */
const VERSION_WITHOUT_NAMES = 2;

const MAGIC = 0x58495348; // "HSIX" read as a little-endian u32
const HEADER_BYTES = 56;
const DIGEST_BYTES = 32;
/** Bytes compared at each end of the covered part of the data file. */
const EDGE_BYTES = 4096;
/** Lines whose start is checked against the data file on use. */
const SAMPLED_LINES = 64;
/** Bytes hashed between two turns of the event loop. */
const HASH_SLICE_BYTES = 1024 * 1024;
/** Bytes of a line read to find its request id (as the quick pass does). */
const HEAD_BYTES = 128;
/** Bytes a line takes in the columns: offset, length, id hash, kinds, site, names' bloom. */
const LINE_BYTES = 8 + 4 + 4 + 4 + 4 + 4 * NAME_WORDS;
/** Bytes of a line's names' bloom, the last column. */
const NAMES_BYTES = 4 * NAME_WORDS;

export interface IndexSnapshot {
  /** Bytes of the data file it describes: whole lines from the start, newlines included. */
  covered: number;
  offsets: Float64Array<ArrayBuffer>;
  lengths: Uint32Array<ArrayBuffer>;
  /** Request id hash of each line (0: not known). */
  hashes: Uint32Array<ArrayBuffer>;
  /** The kinds of hits of each line, the site all of them share and their names' bloom. */
  kinds: LineKinds;
  orders: string[];
}

async function digestInSlices(parts: readonly Uint8Array[]): Promise<Buffer> {
  const hash = createHash('sha256');
  for (const part of parts) {
    for (let at = 0; at < part.length; at += HASH_SLICE_BYTES) {
      hash.update(part.subarray(at, at + HASH_SLICE_BYTES));
      await yieldToLoop();
    }
  }
  return hash.digest();
}

/** What the snapshot expects at both ends of the covered bytes. */
async function edgesDigest(reader: FileHandle, covered: number): Promise<Buffer> {
  const head = await readRange(reader, 0, Math.min(EDGE_BYTES, covered));
  const tailStart = Math.max(0, covered - EDGE_BYTES);
  const tail = await readRange(reader, tailStart, covered - tailStart);
  return createHash('sha256').update(head).update(tail).digest();
}

const bytesOf = (array: Float64Array | Uint32Array | Int32Array): Uint8Array =>
  new Uint8Array(array.buffer, array.byteOffset, array.byteLength);

/**
 * Writes `snapshot` to `file` (temporary file, then rename). `stillCurrent` is asked just
 * before the rename: a reset or a rewrite of the data file meanwhile drops this snapshot.
 */
export async function writeSnapshot(
  file: string,
  snapshot: IndexSnapshot,
  reader: FileHandle,
  stillCurrent: () => boolean,
): Promise<boolean> {
  const lines = snapshot.offsets.length;
  const orders = Buffer.from(JSON.stringify(snapshot.orders));
  const header = Buffer.alloc(HEADER_BYTES);
  header.writeUInt32LE(MAGIC, 0);
  header.writeUInt32LE(SNAPSHOT_VERSION, 4);
  header.writeDoubleLE(snapshot.covered, 8);
  header.writeUInt32LE(lines, 16);
  header.writeUInt32LE(orders.length, 20);
  (await edgesDigest(reader, snapshot.covered)).copy(header, 24);
  const parts = [
    header,
    bytesOf(snapshot.offsets),
    bytesOf(snapshot.lengths),
    bytesOf(snapshot.hashes),
    bytesOf(snapshot.kinds.kinds),
    bytesOf(snapshot.kinds.sites),
    bytesOf(namesColumn(snapshot.kinds.names, lines)),
    orders,
  ];
  const digest = await digestInSlices(parts);
  const temp = `${file}.${process.pid}.tmp`;
  try {
    await writeFile(temp, Buffer.concat([...parts, digest]), { mode: FILE_MODE });
    if (!stillCurrent()) {
      await unlink(temp);
      return false;
    }
    await rename(temp, file);
    return true;
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

/** The names' bloom to save: every name for each line when none is known. */
function namesColumn(names: Uint32Array | null, lines: number): Uint32Array {
  return names ?? new Uint32Array(lines * NAME_WORDS).fill(ALL_NAMES);
}

/** Removes the snapshot (the data file is about to change in place). */
export function removeSnapshot(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // None there.
  }
}

/** Why a snapshot is not used; null when it is. */
export type SnapshotVerdict = { snapshot: IndexSnapshot } | { ignored: string };

function decode(bytes: Buffer): IndexSnapshot | string {
  if (bytes.length < HEADER_BYTES + DIGEST_BYTES) return 'too short';
  if (bytes.readUInt32LE(0) !== MAGIC) return 'not a snapshot';
  const version = bytes.readUInt32LE(4);
  if (version !== SNAPSHOT_VERSION && version !== VERSION_WITHOUT_NAMES) {
    return `format version ${version}`;
  }
  const lineBytes = version === SNAPSHOT_VERSION ? LINE_BYTES : LINE_BYTES - NAMES_BYTES;
  const lines = bytes.readUInt32LE(16);
  const ordersBytes = bytes.readUInt32LE(20);
  const size = HEADER_BYTES + lines * lineBytes + ordersBytes + DIGEST_BYTES;
  if (bytes.length !== size) return 'wrong length';
  const body = bytes.subarray(0, size - DIGEST_BYTES);
  const digest = createHash('sha256').update(body).digest();
  if (!digest.equals(bytes.subarray(size - DIGEST_BYTES))) return 'checksum mismatch';
  // Copied out: typed arrays need aligned memory, and the columns are grown in place later.
  const column = <
    T extends Float64Array<ArrayBuffer> | Uint32Array<ArrayBuffer> | Int32Array<ArrayBuffer>,
  >(
    make: new (n: number) => T,
    at: number,
    width: number,
    perLine = 1,
  ): T => {
    const array = new make(lines * perLine);
    new Uint8Array(array.buffer).set(bytes.subarray(at, at + lines * width));
    return array;
  };
  const offsets = column(Float64Array, HEADER_BYTES, 8);
  const lengths = column(Uint32Array, HEADER_BYTES + lines * 8, 4);
  const hashes = column(Uint32Array, HEADER_BYTES + lines * 12, 4);
  const kinds = column(Uint32Array, HEADER_BYTES + lines * 16, 4);
  const sites = column(Int32Array, HEADER_BYTES + lines * 20, 4);
  const names =
    version === SNAPSHOT_VERSION
      ? column(Uint32Array, HEADER_BYTES + lines * 24, NAMES_BYTES, NAME_WORDS)
      : null;
  const ordersAt = HEADER_BYTES + lines * lineBytes;
  let orders: unknown;
  try {
    orders = JSON.parse(bytes.toString('utf8', ordersAt, ordersAt + ordersBytes));
  } catch {
    return 'unreadable orders';
  }
  if (!Array.isArray(orders) || !orders.every((key) => typeof key === 'string')) {
    return 'unreadable orders';
  }
  return {
    covered: bytes.readDoubleLE(8),
    offsets,
    lengths,
    hashes,
    kinds: { kinds, sites, names },
    orders,
  };
}

/** The lines are whole, in order, from byte 0 to `covered`. */
function consistent(snapshot: IndexSnapshot): boolean {
  let next = 0;
  for (let line = 0; line < snapshot.offsets.length; line++) {
    if (snapshot.offsets[line] !== next) return false;
    next += (snapshot.lengths[line] as number) + 1;
  }
  return next === snapshot.covered;
}

/** Sampled lines start after a newline and, where the id is known, name that request. */
async function samplesMatch(snapshot: IndexSnapshot, reader: FileHandle): Promise<boolean> {
  const lines = snapshot.offsets.length;
  const step = Math.max(1, Math.floor(lines / SAMPLED_LINES));
  for (let line = 0; line < lines; line += step) {
    const offset = snapshot.offsets[line] as number;
    const from = Math.max(0, offset - 1);
    const length = Math.min(HEAD_BYTES, snapshot.lengths[line] as number) + (offset - from);
    const bytes = await readRange(reader, from, length);
    if (offset > 0 && bytes[0] !== 0x0a) return false;
    const hash = snapshot.hashes[line] as number;
    if (hash === 0) continue;
    const id = lineRequestId(bytes.toString('utf8', offset - from));
    // A line whose head does not show its id (another writer's) got it from the full read.
    if (id !== null && idHash(id) !== hash) return false;
  }
  return true;
}

/** The snapshot in `file` if it still describes the data file (`dataSize` bytes), or why not. */
export async function readSnapshot(
  file: string,
  reader: FileHandle,
  dataSize: number,
): Promise<SnapshotVerdict> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    return { ignored: 'none saved' };
  }
  const snapshot = decode(bytes);
  if (typeof snapshot === 'string') return { ignored: snapshot };
  if (!consistent(snapshot)) return { ignored: 'lines out of order' };
  if (snapshot.covered > dataSize) return { ignored: 'the data file is shorter' };
  const expected = bytes.subarray(24, 24 + DIGEST_BYTES);
  if (!(await edgesDigest(reader, snapshot.covered)).equals(expected)) {
    return { ignored: 'the data file changed' };
  }
  if (!(await samplesMatch(snapshot, reader))) return { ignored: 'the data file changed' };
  return { snapshot };
}
