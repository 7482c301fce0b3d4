// The request as the window keeps it: a StoredRequest whose query is packed (packed-query.ts)
// and joined again when read. Its fields are own data properties but the query, which is read
// through a getter: code that copies a request field by field (`{ ...request }`) names
// `query: request.query` as well.
import type { HitDto } from '../../../shared/api/types';
import { unpacked, type PackedQuery } from './packed-query';
import type { StoredRequest } from './stored-record';

type Fields = Omit<StoredRequest, 'query'>;

export class KeptRequest implements StoredRequest {
  id: string;
  receivedAt: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  remoteAddress: string;
  body: string;
  bodyEncoding: StoredRequest['bodyEncoding'];
  bodySize: number;
  bodyTruncated: boolean;
  transport: HitDto['transport'];
  issues: StoredRequest['issues'];
  response: StoredRequest['response'];
  hitCount: number;
  declare error?: StoredRequest['error'];
  declare imported?: StoredRequest['imported'];
  declare run?: string;
  readonly #query: PackedQuery;

  constructor(fields: Fields, query: PackedQuery) {
    this.id = fields.id;
    this.receivedAt = fields.receivedAt;
    this.method = fields.method;
    this.path = fields.path;
    this.headers = fields.headers;
    this.remoteAddress = fields.remoteAddress;
    this.body = fields.body;
    this.bodyEncoding = fields.bodyEncoding;
    this.bodySize = fields.bodySize;
    this.bodyTruncated = fields.bodyTruncated;
    this.transport = fields.transport;
    this.issues = fields.issues;
    this.response = fields.response;
    this.hitCount = fields.hitCount;
    this.#query = query;
  }

  get query(): string {
    return unpacked(this.#query);
  }

  /** The query as kept: a hit whose raw query is the same text shares it. */
  get packedQuery(): PackedQuery {
    return this.#query;
  }

  /** The request as JSON writes it: the query among the fields. */
  toJSON(): StoredRequest {
    return { ...this, query: this.query };
  }
}

/** The query of `request` as kept (a request not kept that way holds its text). */
export function packedQueryOf(request: StoredRequest): PackedQuery {
  return request instanceof KeptRequest ? request.packedQuery : request.query;
}
