// The JSON bodies of the admin API routes, each declared once. The server decodes request
// bodies with these schemas (decodeBody) and the request DTO types in ./types are inferred
// from them, so what the client may send and what the server accepts cannot drift apart.
// Messages are the ones API clients see in `error.message`; a missing field is reported
// with its own message (see decodeBody), an unknown field with the list of known ones.
import * as v from 'valibot';
import type { HitFilterDto } from './types';

/** `PUT /api/settings` and site-profile files: declared in ./settings-body. */
export { settingsPatchSchema } from './settings-body';

const NOT_AN_OBJECT = 'must be a JSON object.';

function isPlainObject(value: unknown): boolean {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * A JSON object with these fields. Valibot's object schemas take arrays for objects; a body
 * field that must be an object refuses them, as the first check.
 */
function jsonObject<E extends v.ObjectEntries>(entries: E, what: string) {
  const schema = v.object(entries, `${what} ${NOT_AN_OBJECT}`);
  return v.pipe(
    v.custom<v.InferInput<typeof schema>>(isPlainObject, `${what} ${NOT_AN_OBJECT}`),
    schema,
  );
}

/** Message of a strict object: unknown fields are named, with the ones that are known. */
function strictMessage(expected: readonly string[], what: string) {
  return (issue: v.BaseIssue<unknown>) =>
    issue.expected === 'never'
      ? `Unknown field "${String(issue.input)}"; expected ${expected.join(', ')}.`
      : `${what} ${NOT_AN_OBJECT}`;
}

/** A text field, named with where it sits in the body (`request.path` for a nested one). */
function text(name: string) {
  return v.string(`${name} must be a string.`);
}

/** A text field that may also be null, read as absent. */
function nullableText(name: string) {
  return v.pipe(
    v.nullish(text(name)),
    v.transform((value) => value ?? undefined),
  );
}

/** An object of string values, e.g. HTTP headers. */
function stringRecord(what: string, message = `${what} ${NOT_AN_OBJECT}`) {
  const schema = v.record(v.string(), v.string(`${what}["${KEY}"] must be a string.`), message);
  return v.pipe(v.custom<v.InferInput<typeof schema>>(isPlainObject, message), schema);
}

/**
 * Stands for the key of a record entry in its message: the path of an issue is only known
 * once the record has added it, so decodeBody fills the key in.
 */
const KEY = '{key}';

function headerRecord(message: string) {
  const schema = v.record(v.string(), v.string(`header ${KEY} must be a string.`), message);
  return v.pipe(v.custom<v.InferInput<typeof schema>>(isPlainObject, message), schema);
}

const VALIDATE_FIELDS = ['url', 'query', 'body', 'contentType', 'method', 'headers', 'path'];

/** `POST /api/validate`: a request to decode and check without storing it. */
export const validateRequestSchema = v.strictObject(
  {
    /** A full URL (`http://host/matomo.php?…`), a path with query, or a bare query string. */
    url: nullableText('url'),
    query: nullableText('query'),
    body: nullableText('body'),
    contentType: nullableText('contentType'),
    method: nullableText('method'),
    headers: v.nullish(headerRecord('headers must be an object of name: value strings.')),
    /** Tracking path when `url` gives none, default `/matomo.php`. */
    path: nullableText('path'),
  },
  strictMessage(VALIDATE_FIELDS, 'The body'),
);

export const MAX_WAIT_MS = 10 * 60_000;
export const MAX_WAIT_COUNT = 100_000;

function intBetween(name: string, min: number, max: number) {
  const message = (issue: v.BaseIssue<unknown>) =>
    `${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(issue.input)}.`;
  return v.pipe(
    v.number(message),
    v.integer(message),
    v.minValue(min, message),
    v.maxValue(max, message),
  );
}

/** `POST /api/wait`: block until `count` hits matching `filter` are stored, or `timeoutMs`. */
export const waitRequestSchema = v.strictObject(
  {
    /** Read by hitFilterFromJson, which has its own messages (code filter.invalid). */
    filter: v.optional(v.custom<HitFilterDto>(() => true)),
    count: v.optional(intBetween('count', 1, MAX_WAIT_COUNT)),
    timeoutMs: v.optional(intBetween('timeoutMs', 0, MAX_WAIT_MS)),
  },
  strictMessage(['filter', 'count', 'timeoutMs'], 'The body'),
);

/** `POST /api/runs/:id/wait`: the body of /api/wait; the run is added to the filter. */
export const runWaitRequestSchema = waitRequestSchema;

const RUN_FIELDS = ['id', 'name', 'plan'];

/** `POST /api/runs`: a new run, its id chosen by the server unless given. */
export const createRunSchema = v.strictObject(
  {
    /** Letters, digits, `.`, `_`, `-` (shared/api/runs.ts); taken ids are refused (409). */
    id: v.optional(
      v.pipe(
        v.string('id must be a string.'),
        v.regex(
          /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/,
          'id must be 1 to 64 letters, digits, ".", "_" or "-", starting with a letter or digit.',
        ),
      ),
    ),
    name: v.optional(
      v.pipe(
        v.string('name must be a string.'),
        v.maxLength(200, 'name is longer than 200 characters.'),
      ),
    ),
    /** A tracking plan: its YAML or JSON text, or the plan object itself. */
    plan: v.optional(v.unknown()),
  },
  strictMessage(RUN_FIELDS, 'The body'),
);

/** A request the app sent (`POST /api/send`), as kept in the send history. */
export const sendRequestSchema = jsonObject(
  {
    /** 'self' (this server) or an http(s) base URL of a Matomo the user entered. */
    target: v.pipe(
      v.string('request.target must be "self" or a Matomo URL.'),
      v.nonEmpty('request.target must be "self" or a Matomo URL.'),
    ),
    method: v.picklist(['GET', 'POST'], 'request.method must be GET or POST.'),
    /** Tracking path, default `/matomo.php`. */
    path: v.optional(text('request.path')),
    query: v.optional(text('request.query')),
    body: v.optional(text('request.body')),
    headers: v.optional(stringRecord('request.headers')),
  },
  'request',
);

const SEND_FIELDS = ['target', 'method', 'path', 'query', 'body', 'headers'];

/**
 * `POST /api/send` as the server reads it: looser than SendRequestDto (an absent target is
 * "self", any method is checked against the list the route allows). The route checks each
 * header, name before value, with its own messages.
 */
export const sendBodySchema = v.strictObject(
  {
    target: nullableText('target'),
    method: nullableText('method'),
    path: nullableText('path'),
    query: nullableText('query'),
    body: nullableText('body'),
    headers: v.nullish(v.unknown()),
  },
  strictMessage(SEND_FIELDS, 'The body'),
);

const NUMBERS = 'response.status and response.durationMs must be numbers.';
const BODY = 'response.body must be a string with bodyEncoding utf8 or base64.';

/** The answer to a sent request, as kept in the send history. */
export const sendResponseSchema = jsonObject(
  {
    status: v.number(NUMBERS),
    durationMs: v.number(NUMBERS),
    body: v.string(BODY),
    bodyEncoding: v.picklist(['utf8', 'base64'], BODY),
    url: v.optional(text('response.url'), ''),
    statusText: v.optional(text('response.statusText'), ''),
    headers: v.optional(stringRecord('response.headers'), {}),
    requestId: v.optional(text('response.requestId')),
  },
  'response',
);

/** `POST /api/history`: a request sent from the app, with its answer or the error. */
export const newHistoryEntrySchema = jsonObject(
  {
    kind: v.picklist(['single', 'bulk'], 'kind must be single or bulk.'),
    origin: v.picklist(['composer', 'bulk', 'replay'], 'origin must be composer, bulk or replay.'),
    /** One line describing the request (hit type and its main values), shown in the list. */
    summary: v.optional(text('entry.summary'), ''),
    request: sendRequestSchema,
    response: v.nullish(sendResponseSchema),
    /** Why the send failed, when it did (then there is no response). */
    error: v.optional(text('entry.error')),
  },
  'The body',
);

/** `PATCH /api/history/:id`: a new name for an entry, null to clear it. */
export const renameHistoryEntrySchema = jsonObject(
  { name: v.nullable(v.string('name must be a string (or null to clear it).')) },
  'The body',
);

/**
 * `POST /api/import`: a file Hitscope exported (NDJSON hits, HAR) or a capture file (NDJSON,
 * one HTTP request per line), as text. The format is recognised from the content.
 */
export const importRequestSchema = jsonObject(
  {
    content: v.string('content must be the text of the file to import.'),
    /** File name, kept on the imported requests and in log lines. */
    name: v.optional(v.string('name must be a text (the file name).')),
  },
  'The body',
);

export type BodyDecoding<T> =
  | { ok: true; value: T }
  | {
      ok: false;
      message: string;
      /** True when a value that must be a JSON object is not one (code body.invalid). */
      notAnObject: boolean;
    };

type AnySchema = v.GenericSchema<unknown, unknown>;

/** The object schema inside optional, nullable and piped wrappers. */
function unwrap(schema: AnySchema): AnySchema {
  if ('wrapped' in schema) return unwrap(schema.wrapped as AnySchema);
  if ('pipe' in schema) {
    const steps = schema.pipe as AnySchema[];
    return steps.find((step) => 'entries' in step) ?? schema;
  }
  return schema;
}

/** The schema of the field a path leads to, looking through optional and nullable wrappers. */
function fieldSchema(root: AnySchema, path: readonly { key: unknown }[]): AnySchema | undefined {
  let schema: AnySchema | undefined = root;
  for (const item of path) {
    schema = schema && unwrap(schema);
    const entries: Record<string, AnySchema> | undefined = (
      schema as { entries?: Record<string, AnySchema> } | undefined
    )?.entries;
    schema = entries?.[String(item.key)];
  }
  return schema;
}

/**
 * Decodes a parsed JSON body. The first problem is reported, an unknown field before the
 * others; a missing field with the message its own schema gives for a missing value.
 */
export function decodeBody<S extends AnySchema>(
  schema: S,
  value: unknown,
): BodyDecoding<v.InferOutput<S>> {
  const result = v.safeParse(schema, value);
  if (result.success) return { ok: true, value: result.output };
  const issues = result.issues;
  const issue = issues.find((i) => i.expected === 'never') ?? issues[0];
  const key = issue.path?.[issue.path.length - 1]?.key;
  let message = issue.message.replace(KEY, String(key));
  const missing = issue.input === undefined && issue.expected?.startsWith('"') && issue.path;
  if (missing) {
    const field = fieldSchema(schema, issue.path ?? []);
    const own = field ? v.safeParse(field, undefined) : undefined;
    if (own && !own.success) message = own.issues[0].message;
  }
  const notAnObject = message.endsWith(NOT_AN_OBJECT);
  return { ok: false, message, notAnObject };
}
