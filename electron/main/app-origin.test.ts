import { describe, expect, it } from 'vitest';
import { isAppUrl, originOf } from './app-origin';

const APP = 'http://127.0.0.1:8765';

describe('originOf', () => {
  it('serializes http and https origins', () => {
    expect(originOf('http://127.0.0.1:8765/some/path?x=1#h')).toBe(APP);
    expect(originOf('https://example.org/a')).toBe('https://example.org');
  });

  it('returns null for unparsable and opaque URLs', () => {
    expect(originOf('not a url')).toBeNull();
    expect(originOf('')).toBeNull();
    expect(originOf('file:///etc/passwd')).toBeNull();
    expect(originOf('data:text/html,<b>x</b>')).toBeNull();
    expect(originOf('javascript:alert(1)')).toBeNull();
    expect(originOf('about:blank')).toBeNull();
  });
});

describe('isAppUrl', () => {
  it('accepts any path on the app origin', () => {
    expect(isAppUrl(`${APP}/`, APP)).toBe(true);
    expect(isAppUrl(`${APP}/api/hits?limit=1`, APP)).toBe(true);
  });

  it('rejects look-alikes that share a string prefix', () => {
    expect(isAppUrl('http://127.0.0.1:87650/', APP)).toBe(false);
    expect(isAppUrl('http://127.0.0.1:8765.evil.test/', APP)).toBe(false);
    expect(isAppUrl('http://127.0.0.1:8765@evil.test/', APP)).toBe(false);
  });

  it('rejects other schemes, hosts and ports', () => {
    expect(isAppUrl('https://127.0.0.1:8765/', APP)).toBe(false);
    expect(isAppUrl('http://localhost:8765/', APP)).toBe(false);
    expect(isAppUrl('http://127.0.0.1:8766/', APP)).toBe(false);
    expect(isAppUrl('file:///tmp/x.html', APP)).toBe(false);
    expect(isAppUrl('garbage', APP)).toBe(false);
  });
});
