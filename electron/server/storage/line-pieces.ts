// A data file line read hit by hit. A bulk line holds thousands of hits (megabytes): parsing
// it in one JSON.parse would hold the event loop for a long while, so the request is parsed
// alone and each hit when asked for. The hits are found where one hit object ends and the
// next begins (`},{"id":`), which no JSON string can hold (its quotes would be escaped); should
// an object inside a hit hold it, the pieces would not add up to the request's hit count and
// the line is parsed whole.
import { decodeLine, LINE_VERSION, type StoredHitLine, type StoredRequest } from './stored-record';

const HEAD = `{"v":${LINE_VERSION},"request":`;
const HITS = ',"hits":[';
const BETWEEN = '},{"id":';

/** Below this length a line is parsed whole: splitting would not save anything. */
const SPLIT_FROM_CHARS = 256 * 1024;

export interface LinePieces {
  request: StoredRequest;
  hitCount: number;
  /** Hit `index`, parsed now; throws on a piece that is not a hit. */
  hit(index: number): StoredHitLine | undefined;
  /** The index of the hit with id `id`, or -1. */
  indexOf(id: string): number;
}

function whole(text: string): LinePieces {
  const line = decodeLine(text);
  return {
    request: line.request,
    hitCount: line.hits.length,
    hit: (index) => line.hits[index],
    indexOf: (id) => line.hits.findIndex((hit) => hit.id === id),
  };
}

/** The pieces of a line; throws, as decodeLine does, on a line this version did not write. */
export function linePieces(text: string): LinePieces {
  if (text.length < SPLIT_FROM_CHARS || !text.startsWith(HEAD)) return whole(text);
  const hitsAt = text.indexOf(HITS);
  if (hitsAt < 0 || !text.endsWith(']}')) return whole(text);
  const request = JSON.parse(text.slice(HEAD.length, hitsAt)) as StoredRequest;
  const body = text.slice(hitsAt + HITS.length, text.length - 2);
  const parts = body === '' ? [] : body.split(BETWEEN);
  if (typeof request?.id !== 'string' || parts.length !== request.hitCount) return whole(text);
  const last = parts.length - 1;
  const hit = (index: number): StoredHitLine | undefined => {
    const part = parts[index];
    if (part === undefined) return undefined;
    const json = `${index === 0 ? '' : '{"id":'}${part}${index === last ? '' : '}'}`;
    return JSON.parse(json) as StoredHitLine;
  };
  // Hit ids are `requestId.index`: the id names its piece without parsing every hit.
  const indexOf = (id: string): number => {
    const dot = id.lastIndexOf('.');
    const index = Number(id.slice(dot + 1));
    if (id.slice(0, dot) !== request.id) return -1;
    if (Number.isInteger(index) && hit(index)?.id === id) return index;
    return parts.findIndex((_, i) => hit(i)?.id === id);
  };
  return { request, hitCount: parts.length, hit, indexOf };
}
