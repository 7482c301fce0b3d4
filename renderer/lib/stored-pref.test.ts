import { afterEach, describe, expect, it } from 'vitest';
import { storedPref } from './stored-pref';

const positive = storedPref<number>({
  name: 'probe',
  version: 2,
  previousKey: 'hitscope.probe',
  decode: (value) => (typeof value === 'number' && value > 0 ? value : null),
});

afterEach(() => {
  localStorage.clear();
  sessionStorage.clear();
});

describe('storedPref', () => {
  it('keeps a value under a versioned key, as JSON', () => {
    positive.save(7);
    expect(positive.key).toBe('hitscope.probe.v2');
    expect(localStorage.getItem('hitscope.probe.v2')).toBe('7');
    expect(positive.load()).toBe(7);
    expect(positive.load('sessionStorage')).toBeNull();
  });

  it('reads broken, hand-edited or older-shaped entries as nothing saved', () => {
    localStorage.setItem(positive.key, '{oops');
    expect(positive.load()).toBeNull();
    localStorage.setItem(positive.key, '-3');
    expect(positive.load()).toBeNull();
    localStorage.setItem('hitscope.probe.v1', '5');
    localStorage.removeItem(positive.key);
    expect(positive.load()).toBeNull();
  });

  it('still reads the unversioned key the preference had before, until it is saved again', () => {
    localStorage.setItem('hitscope.probe', '4');
    expect(positive.load()).toBe(4);
    positive.save(9);
    expect(positive.load()).toBe(9);
  });

  it('does not throw when the storage refuses to keep it', () => {
    const full = {
      getItem: () => null,
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
    } as unknown as Storage;
    expect(() => positive.save(1, full)).not.toThrow();
    expect(positive.load(full)).toBeNull();
  });
});
