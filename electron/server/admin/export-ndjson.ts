// A hit's line of an NDJSON export: JSON.stringify of the hit, then a newline, its bytes
// written straight into the answer's chunks (json-into-chunks.ts) rather than made a text
// first, which left some 30 KB behind for the collector per hit of a page view.
import type { HitDto } from '../../../shared/api/types';
import type { ByteChunks } from './byte-chunks';
import { writeJson } from './json-into-chunks';

const NEWLINE = 0x0a;

export function writeHitLine(out: ByteChunks, hit: HitDto): void {
  writeJson(out, hit);
  out.byte(NEWLINE);
}
