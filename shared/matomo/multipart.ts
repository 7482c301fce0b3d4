// multipart/form-data bodies: PHP puts their text fields in $_POST like a form body (spec
// docs/tracking-protocol.md#parameter-sources), so a tracking request may arrive this way (e.g. a FormData object posted by fetch).
// File parts go to $_FILES in PHP and carry no tracking parameter: they are skipped.
// Tolerant: a missing boundary or a malformed part yields fewer fields, never an exception.
// The token masking walks the same parts (multipartParts), so it hides every token the
// parser reads.

/** One named part of a multipart body; offsets index the whole body. */
export interface MultipartPart {
  name: string;
  valueStart: number;
  valueEnd: number;
  /** A part with a filename: PHP puts it in $_FILES, not $_POST. */
  isFile: boolean;
  /** After the closing delimiter: the parser reads no further, the masking still does. */
  afterClose: boolean;
}

/** `boundary=` of a multipart Content-Type, or null when it has none. */
export function boundaryOf(contentType: string): string | null {
  const match = /;\s*boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  if (match === null) return null;
  return (match[1] ?? match[2] ?? '') || null;
}

/** Every part with a head, a blank line and a name, in order. */
export function multipartParts(body: string, boundary: string): MultipartPart[] {
  const delimiter = `--${boundary}`;
  const chunks = body.split(delimiter);
  const parts: MultipartPart[] = [];
  // chunks[0] is the preamble; a chunk starting with "--" follows the closing delimiter.
  let offset = (chunks[0] as string).length + delimiter.length;
  let afterClose = false;
  for (let i = 1; i < chunks.length; i++) {
    const chunk = chunks[i] as string;
    if (chunk.startsWith('--')) afterClose = true;
    const part = partOf(chunk, offset, afterClose);
    if (part !== null) parts.push(part);
    offset += chunk.length + delimiter.length;
  }
  return parts;
}

function partOf(chunk: string, offset: number, afterClose: boolean): MultipartPart | null {
  const lead = /^\r?\n/.exec(chunk)?.[0].length ?? 0;
  const part = chunk.slice(lead);
  let split = part.indexOf('\r\n\r\n');
  let gap = 4;
  if (split === -1) {
    split = part.indexOf('\n\n');
    gap = 2;
  }
  if (split === -1) return null;
  const head = part.slice(0, split);
  const disposition = /content-disposition:[^\r\n]*/i.exec(head)?.[0] ?? '';
  const name = /;\s*name\s*=\s*(?:"([^"]*)"|([^;\s]+))/i.exec(disposition);
  if (name === null) return null;
  const tail = /\r?\n$/.exec(part)?.[0].length ?? 0;
  const valueStart = offset + lead + split + gap;
  return {
    name: name[1] ?? name[2] ?? '',
    valueStart,
    valueEnd: Math.max(valueStart, offset + chunk.length - tail),
    isFile: /;\s*filename\*?\s*=/i.test(disposition),
    afterClose,
  };
}

/** The text fields of a multipart body, in order, as `[name, value]` pairs. */
export function parseMultipart(body: string, contentType: string): [string, string][] {
  const boundary = boundaryOf(contentType);
  if (boundary === null) return [];
  return multipartParts(body, boundary)
    .filter((part) => !part.isFile && !part.afterClose)
    .map((part) => [part.name, body.slice(part.valueStart, part.valueEnd)]);
}
