// The composer's request being built, as plain data with pure update functions: the form
// and the raw editor are two views of `params`. Editing the form clears `rawText`, so the
// raw view is rebuilt (correctly encoded) from the params; editing the raw text keeps the
// text exactly as typed and refills the params from it, so the cursor never jumps.
import {
  HIT_TEMPLATES,
  templateFieldNames,
  templateForParams,
  templateParams,
  type TemplateId,
} from '../../shared/matomo/templates';
import { findParamSpec } from '../../shared/matomo/params';
import { freshPageviewId, freshVisitorId, type Random } from '../../shared/matomo/volatile';
import { decodedNameIsToken, TOKEN_MASK, tokenMask } from '../lib/mask-token';
import { encodeQuery, type ParamPair } from './query-codec';
import { parseRawInput, type RawInput } from './raw-input';

export interface DraftParam {
  /** Stable identity for React lists and focus. */
  key: number;
  name: string;
  value: string;
  /** Unticked parameters stay in the form but are not sent. */
  enabled: boolean;
}

export type Method = 'GET' | 'POST';

/** A bulk request typed or pasted into the raw editor (a JSON body, or curl sending one). */
export interface RawBulk {
  items: unknown[];
  tokenAuth: string | null;
  /** The body as given. */
  body: string;
  /** The curl command's headers, content type included; none for a bare body. */
  headers: Record<string, string>;
  /** The curl URL's path and query, when it had them. */
  path: string | null;
  query: string;
}

export interface ComposerDraft {
  template: TemplateId;
  method: Method;
  /** Tracking path on the target. */
  path: string;
  params: DraftParam[];
  /** Extra HTTP headers (user-agent, accept-language…), names lower-cased. */
  headers: Record<string, string>;
  /** The raw editor's text while the user edits it; null when it follows the form. */
  rawText: string | null;
  /** What the last raw edit left out or could not read. */
  rawNotes: string[];
  rawError: string | null;
  /** The last raw edit was a bulk body: what Send sends, and its items for the bulk builder. */
  rawBulk: RawBulk | null;
  /** Origin of a pasted full URL when it is not the current target. */
  rawOrigin: string | null;
  /**
   * The token_auth a hit of a bulk was opened with: the bulk's top-level token, which Matomo
   * applied to the entry (docs/tracking-protocol.md#bulk-request). The composer says where the token came from while the
   * draft still sends it.
   */
  carriedToken?: string;
}

/** Defaults the user can turn off (remembered). */
export interface ComposerPrefs {
  /** idsite from the last used site. */
  idsite: boolean;
  rec: boolean;
  /** A fresh `_id` per new request. */
  visitorId: boolean;
  /** A fresh `pv_id` per new request. */
  pageviewId: boolean;
  /** A random `r` at send time. */
  cacheBuster: boolean;
  /** `h`, `m`, `s` of the moment of sending. */
  localTime: boolean;
}

export const DEFAULT_PREFS: ComposerPrefs = {
  idsite: true,
  rec: true,
  visitorId: true,
  pageviewId: true,
  cacheBuster: true,
  localTime: true,
};

let nextKey = 1;
function toDraftParams(pairs: readonly ParamPair[]): DraftParam[] {
  return pairs.map((p) => ({ key: nextKey++, name: p.name, value: p.value, enabled: true }));
}

export interface DraftContext {
  lastIdsite: string;
  prefs: ComposerPrefs;
  random?: Random;
}

/** The default parameters a new request starts with, as the JS tracker orders them. */
function defaultPairs(ctx: DraftContext): ParamPair[] {
  const pairs: ParamPair[] = [];
  if (ctx.prefs.idsite) pairs.push({ name: 'idsite', value: ctx.lastIdsite });
  if (ctx.prefs.rec) pairs.push({ name: 'rec', value: '1' });
  if (ctx.prefs.visitorId) pairs.push({ name: '_id', value: freshVisitorId(ctx.random) });
  if (ctx.prefs.pageviewId) pairs.push({ name: 'pv_id', value: freshPageviewId(ctx.random) });
  return pairs;
}

export function createDraft(template: TemplateId, ctx: DraftContext): ComposerDraft {
  return {
    template,
    method: 'GET',
    path: '/matomo.php',
    params: toDraftParams([...templateParams(template), ...defaultPairs(ctx)]),
    headers: {},
    rawText: null,
    rawNotes: [],
    rawError: null,
    rawBulk: null,
    rawOrigin: null,
  };
}

/** Leaves the raw editor's own text: the raw view follows the form again. */
function formEdit(draft: ComposerDraft, patch: Partial<ComposerDraft>): ComposerDraft {
  return {
    ...draft,
    ...patch,
    rawText: null,
    rawNotes: [],
    rawError: null,
    rawBulk: null,
    rawOrigin: null,
  };
}

/**
 * Switches the kind of hit: the fields of the old kind that the new one does not have go,
 * the new kind's fields come (filled values of shared fields such as `url` are kept), and
 * everything else — defaults, custom dimensions, added parameters — stays.
 */
export function switchTemplate(draft: ComposerDraft, template: TemplateId): ComposerDraft {
  const oldFields = templateFieldNames(draft.template);
  const newFields = templateFieldNames(template);
  const kept = draft.params.filter((p) => !oldFields.has(p.name) || newFields.has(p.name));
  const present = new Set(kept.map((p) => p.name));
  const added = toDraftParams(templateParams(template).filter((p) => !present.has(p.name)));
  // The new kind's fields first, in the template's order; the rest after them.
  const order = HIT_TEMPLATES[template].fields.map((f) => f.name);
  const rank = (p: DraftParam) => {
    const i = order.indexOf(p.name);
    return i < 0 ? order.length : i;
  };
  const params = [...added, ...kept].sort((a, b) => rank(a) - rank(b));
  return formEdit(draft, { template, params });
}

/** The filled-in values a template switch would remove (their field names, in order). */
export function droppedBySwitch(before: ComposerDraft, after: ComposerDraft): string[] {
  const kept = new Set(after.params.map((p) => p.key));
  // The kind's own values (`ca=1`) were not typed: losing them loses nothing.
  const own = new Map(templateParams(before.template).map((p) => [p.name, p.value]));
  return before.params
    .filter((p) => p.value !== '' && !kept.has(p.key) && own.get(p.name) !== p.value)
    .map((p) => p.name);
}

/** "Event category (e_c), Event action (e_a)": parameters named for the user. */
export function fieldList(names: readonly string[]): string {
  return names.map((name) => `${findParamSpec(name)?.label ?? name} (${name})`).join(', ');
}

/** The kind's required fields that have no value yet, in the template's order. */
export function emptyRequiredFields(draft: ComposerDraft): string[] {
  const filled = new Set(
    draft.params.filter((p) => p.enabled && p.value !== '').map((p) => p.name),
  );
  return HIT_TEMPLATES[draft.template].fields
    .filter((field) => field.required && !filled.has(field.name))
    .map((field) => field.name);
}

/** True while none of the kind's required fields has been filled in (nothing typed yet). */
export function untouchedTemplate(draft: ComposerDraft): boolean {
  const required = HIT_TEMPLATES[draft.template].fields.filter((field) => field.required);
  return required.length > 0 && emptyRequiredFields(draft).length === required.length;
}

export function setParamValue(draft: ComposerDraft, key: number, value: string): ComposerDraft {
  return formEdit(draft, {
    params: draft.params.map((p) => (p.key === key ? { ...p, value } : p)),
  });
}

export function renameParam(draft: ComposerDraft, key: number, name: string): ComposerDraft {
  return formEdit(draft, { params: draft.params.map((p) => (p.key === key ? { ...p, name } : p)) });
}

export function toggleParam(draft: ComposerDraft, key: number, enabled: boolean): ComposerDraft {
  return formEdit(draft, {
    params: draft.params.map((p) => (p.key === key ? { ...p, enabled } : p)),
  });
}

export function removeParam(draft: ComposerDraft, key: number): ComposerDraft {
  return formEdit(draft, { params: draft.params.filter((p) => p.key !== key) });
}

/** Sets the first enabled parameter of that name, or adds it at the end. */
export function upsertParam(draft: ComposerDraft, name: string, value: string): ComposerDraft {
  const existing = draft.params.find((p) => p.name === name);
  if (existing) {
    return formEdit(draft, {
      params: draft.params.map((p) => (p === existing ? { ...p, value, enabled: true } : p)),
    });
  }
  return formEdit(draft, { params: [...draft.params, ...toDraftParams([{ name, value }])] });
}

export function addParam(draft: ComposerDraft, name: string, value = ''): ComposerDraft {
  return formEdit(draft, { params: [...draft.params, ...toDraftParams([{ name, value }])] });
}

/** Removes every parameter of that name (a default turned off). */
export function dropParam(draft: ComposerDraft, name: string): ComposerDraft {
  return formEdit(draft, { params: draft.params.filter((p) => p.name !== name) });
}

export function setMethod(draft: ComposerDraft, method: Method): ComposerDraft {
  return formEdit(draft, { method });
}

export function setPath(draft: ComposerDraft, path: string): ComposerDraft {
  return formEdit(draft, { path });
}

export function setHeaders(draft: ComposerDraft, headers: Record<string, string>): ComposerDraft {
  return formEdit(draft, { headers });
}

/** The next free custom dimension id, preferring the site's active ones that are unused. */
export function nextDimensionName(draft: ComposerDraft, active: readonly number[] = []): string {
  const used = new Set(
    draft.params.map((p) => /^dimension([1-9][0-9]*)$/.exec(p.name)?.[1]).filter(Boolean),
  );
  const free = active.find((id) => !used.has(String(id)));
  if (free !== undefined) return `dimension${free}`;
  let n = 1;
  while (used.has(String(n))) n++;
  return `dimension${n}`;
}

/** The enabled parameters, in order. */
export function enabledPairs(draft: ComposerDraft): ParamPair[] {
  return draft.params.filter((p) => p.enabled).map((p) => ({ name: p.name, value: p.value }));
}

/** The query string the form stands for (enabled parameters, encoded like the JS tracker). */
export function draftQuery(draft: ComposerDraft): string {
  return encodeQuery(enabledPairs(draft));
}

/** True while the draft sends the token_auth carried over from a hit's bulk. */
export function sendsCarriedToken(draft: ComposerDraft): boolean {
  const token = draft.carriedToken;
  if (token === undefined) return false;
  return draft.params.some((p) => p.enabled && p.name === 'token_auth' && p.value === token);
}

/** Shown instead of token_auth in the raw editor until the user reveals it. */
export { TOKEN_MASK };

/** True when the draft sends a token the raw editor masks (under any name PHP reads as it). */
export function draftHasToken(draft: ComposerDraft): boolean {
  return enabledPairs(draft).some((p) => p.value !== '' && decodedNameIsToken(p.name));
}

/**
 * What the raw editor shows: the user's own text while editing, else the URL built from the
 * form. With `maskToken`, token_auth (`token.auth`, `token_auth[]`… too, as the inspector and
 * exports mask it) shows as {@link TOKEN_MASK}; typing the text back keeps the real token
 * (see applyRawText).
 */
export function rawView(
  draft: ComposerDraft,
  baseUrl: string,
  options: { maskToken?: boolean } = {},
): string {
  if (draft.rawText !== null) return draft.rawText;
  const encoded = encodeQuery(enabledPairs(draft));
  const query = options.maskToken ? tokenMask.maskQueryText(encoded) : encoded;
  return `${baseUrl.replace(/\/+$/, '')}${draft.path}${query === '' ? '' : `?${query}`}`;
}

/**
 * The raw text typed back with the mask in it: each masked token takes the real value of the
 * draft's token parameter of that name, in order, so editing around the mask keeps the token.
 */
function unmaskTokens(draft: ComposerDraft, pairs: readonly ParamPair[]): ParamPair[] {
  const tokens = draft.params.filter((p) => decodedNameIsToken(p.name));
  return pairs.map((pair) => {
    if (pair.value !== TOKEN_MASK || !decodedNameIsToken(pair.name)) return pair;
    const i = tokens.findIndex((p) => p.name === pair.name);
    if (i < 0) return pair;
    const [token] = tokens.splice(i, 1);
    return { ...pair, value: token!.value };
  });
}

/** Same request, same order: keeps the keys (and the unticked parameters) where it can. */
function mergeParams(old: readonly DraftParam[], pairs: readonly ParamPair[]): DraftParam[] {
  const pool = old.filter((p) => p.enabled);
  const disabled = old.filter((p) => !p.enabled);
  const fresh = pairs.map((pair) => {
    const i = pool.findIndex((p) => p.name === pair.name);
    if (i < 0) return toDraftParams([pair])[0]!;
    const [reused] = pool.splice(i, 1);
    return { ...reused!, value: pair.value };
  });
  const names = new Set(pairs.map((p) => p.name));
  return [...fresh, ...disabled.filter((p) => !names.has(p.name))];
}

function rawBulkOf(input: RawInput): RawBulk | null {
  if (!input.bulkItems || input.bulkBody === null) return null;
  return {
    items: input.bulkItems,
    tokenAuth: input.bulkTokenAuth,
    body: input.bulkBody,
    headers: input.headers,
    path: input.path,
    query: encodeQuery(input.pairs),
  };
}

/**
 * The user typed or pasted into the raw editor: the text is kept as is, and the form takes
 * the parameters (and the method, path and headers when the text carries them).
 */
export function applyRawText(
  draft: ComposerDraft,
  text: string,
  baseUrl: string,
  options: { pasted?: boolean } = {},
): ComposerDraft {
  const input: RawInput = parseRawInput(text);
  const next: ComposerDraft = {
    ...draft,
    rawText: text,
    rawNotes: input.notes,
    rawError: input.error,
    rawBulk: rawBulkOf(input),
    rawOrigin: null,
  };
  if (input.error !== null || input.kind === 'bulk') return next;
  const pairs = unmaskTokens(draft, input.pairs);
  next.params = mergeParams(draft.params, pairs);
  // A pasted request shows as its own kind; while typing, the form only moves to a more
  // specific kind, so fields being filled do not vanish under the user.
  const kind = templateForParams(Object.fromEntries(pairs.map((p) => [p.name, p.value])));
  if (options.pasted || (kind !== 'blank' && kind !== 'pageview')) next.template = kind;
  if (input.method) next.method = input.method;
  if (input.path) next.path = input.path;
  if (input.kind === 'curl') next.headers = input.headers;
  const base = baseUrl.replace(/\/+$/, '');
  if (input.origin !== null && !base.toLowerCase().startsWith(input.origin.toLowerCase())) {
    next.rawOrigin = input.origin;
  }
  return next;
}

/** The raw editor lost focus: its text is rebuilt from the form, correctly encoded. */
export function normalizeRaw(draft: ComposerDraft): ComposerDraft {
  if (draft.rawText === null || draft.rawError !== null || draft.rawBulk !== null) return draft;
  return { ...draft, rawText: null };
}

/**
 * A draft saved by an earlier page, read back: its parameters get keys of this page (keys
 * are only unique within one), and anything missing takes its default.
 */
export function restoredDraft(saved: ComposerDraft): ComposerDraft {
  const params = saved.params.map((p) => ({
    key: nextKey++,
    name: String(p.name),
    value: String(p.value),
    enabled: p.enabled !== false,
  }));
  const fresh = draftFromPairs([], {
    template: saved.template in HIT_TEMPLATES ? saved.template : 'blank',
    method: saved.method === 'POST' ? 'POST' : 'GET',
    path: typeof saved.path === 'string' ? saved.path : '/matomo.php',
    headers: typeof saved.headers === 'object' && saved.headers !== null ? saved.headers : {},
  });
  return {
    ...fresh,
    params,
    rawText: typeof saved.rawText === 'string' ? saved.rawText : null,
    rawNotes: Array.isArray(saved.rawNotes) ? saved.rawNotes : [],
    rawError: typeof saved.rawError === 'string' ? saved.rawError : null,
    rawBulk: saved.rawBulk ?? null,
    rawOrigin: typeof saved.rawOrigin === 'string' ? saved.rawOrigin : null,
    ...(typeof saved.carriedToken === 'string' ? { carriedToken: saved.carriedToken } : {}),
  };
}

/** A draft holding exactly these parameters (reopening a hit or a history entry). */
export function draftFromPairs(
  pairs: readonly ParamPair[],
  fields: {
    template: TemplateId;
    method?: Method;
    path?: string;
    headers?: Record<string, string>;
  },
): ComposerDraft {
  return {
    template: fields.template,
    method: fields.method ?? 'GET',
    path: fields.path ?? '/matomo.php',
    params: toDraftParams(pairs),
    headers: fields.headers ?? {},
    rawText: null,
    rawNotes: [],
    rawError: null,
    rawBulk: null,
    rawOrigin: null,
  };
}
