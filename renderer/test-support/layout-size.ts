// jsdom has no layout: every element measures 0×0, so a virtualized list renders no rows.
import { afterAll, beforeAll } from 'vitest';

const SIZES = { clientHeight: 600, clientWidth: 1200, offsetHeight: 600, offsetWidth: 1200 };

/** Gives every element a 1200×600 box for the tests of this file, then restores jsdom's. */
export function stubLayoutSize(): void {
  const saved: Record<string, PropertyDescriptor | undefined> = {};
  beforeAll(() => {
    for (const [key, value] of Object.entries(SIZES)) {
      saved[key] = Object.getOwnPropertyDescriptor(HTMLElement.prototype, key);
      Object.defineProperty(HTMLElement.prototype, key, { configurable: true, get: () => value });
    }
  });
  afterAll(() => {
    for (const key of Object.keys(SIZES)) {
      if (saved[key]) Object.defineProperty(HTMLElement.prototype, key, saved[key]);
    }
  });
}
