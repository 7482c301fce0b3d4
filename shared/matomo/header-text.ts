// Request headers arrive lower-cased from the capture server, but a request handed to the
// analysis by other callers (the API, an import) may carry anything: a missing or odd header
// reads as empty rather than throwing.

/** A header's value, '' when the header (or the header map) is missing or not text. */
export function headerText(
  headers: Readonly<Record<string, string>> | undefined,
  name: string,
): string {
  const value = headers !== null && typeof headers === 'object' ? headers[name] : undefined;
  return typeof value === 'string' ? value : '';
}
