// A clipboard for component tests: what the page copies is kept in `copied`, in order.
import { afterEach, beforeEach } from 'vitest';

/** Installs a fresh stub before each test of the file and removes it after. */
export function stubClipboardPerTest(): { copied: string[] } {
  const stub = { copied: [] as string[] };
  beforeEach(() => {
    stub.copied = [];
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: (text: string) => Promise.resolve(void stub.copied.push(text)) },
    });
  });
  afterEach(() => {
    Reflect.deleteProperty(navigator, 'clipboard');
  });
  return stub;
}
