// multipart/form-data bodies: PHP puts their text fields in $_POST like a form body (spec
// §1.2), so a tracking request may arrive this way (e.g. a FormData object posted by fetch).
// File parts go to $_FILES in PHP and carry no tracking parameter: they are skipped.
// Tolerant: a missing boundary or a malformed part yields fewer fields, never an exception.

/** The text fields of a multipart body, in order, as `[name, value]` pairs. */
export function parseMultipart(body: string, contentType: string): [string, string][] {
  const boundary = boundaryOf(contentType);
  if (boundary === null) return [];
  const fields: [string, string][] = [];
  const delimiter = `--${boundary}`;
  const chunks = body.split(delimiter);
  // chunks[0] is the preamble; a chunk starting with "--" follows the closing delimiter.
  for (let i = 1; i < chunks.length; i++) {
    const chunk = chunks[i] as string;
    if (chunk.startsWith('--')) break;
    const field = parsePart(chunk);
    if (field !== null) fields.push(field);
  }
  return fields;
}

function boundaryOf(contentType: string): string | null {
  const match = /;\s*boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  if (match === null) return null;
  return (match[1] ?? match[2] ?? '') || null;
}

function parsePart(chunk: string): [string, string] | null {
  const part = chunk.replace(/^\r?\n/, '');
  let split = part.indexOf('\r\n\r\n');
  let gap = 4;
  if (split === -1) {
    split = part.indexOf('\n\n');
    gap = 2;
  }
  if (split === -1) return null;
  const head = part.slice(0, split);
  const disposition = /content-disposition:[^\r\n]*/i.exec(head)?.[0] ?? '';
  if (/;\s*filename\*?\s*=/i.test(disposition)) return null;
  const name = /;\s*name\s*=\s*(?:"([^"]*)"|([^;\s]+))/i.exec(disposition);
  if (name === null) return null;
  const value = part.slice(split + gap).replace(/\r?\n$/, '');
  return [name[1] ?? name[2] ?? '', value];
}
