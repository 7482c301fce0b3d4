import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TRACKING_GIF, TRACKING_GIF_BASE64, trackingGif } from './gif';

describe('tracking GIF', () => {
  it('is the 43-byte transparent GIF Matomo sends (docs/tracking-protocol.md#byte-level)', () => {
    expect(TRACKING_GIF).toHaveLength(43);
    expect(createHash('sha256').update(TRACKING_GIF).digest('hex')).toBe(
      '548f2d6f4d0d820c6c5ffbeffcbd7f0e73193e2932eefe542accc84762deec87',
    );
    expect(Buffer.from(TRACKING_GIF).toString('base64')).toBe(TRACKING_GIF_BASE64);
    expect(Buffer.from(TRACKING_GIF.subarray(0, 6)).toString('latin1')).toBe('GIF89a');
  });

  it('hands out private copies', () => {
    const copy = trackingGif();
    copy[0] = 0;
    expect(TRACKING_GIF[0]).toBe(0x47);
    expect(trackingGif()).toEqual(TRACKING_GIF);
  });
});
