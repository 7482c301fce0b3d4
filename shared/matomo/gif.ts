// The 1×1 transparent GIF89a Matomo answers a recorded request with (docs/tracking-protocol.md#byte-level): 43 bytes,
// sha256 548f2d6f4d0d820c6c5ffbeffcbd7f0e73193e2932eefe542accc84762deec87. Some clients check
// for exactly these bytes, so the capture server sends the same image.

export const TRACKING_GIF_CONTENT_TYPE = 'image/gif';

export const TRACKING_GIF_BASE64 = 'R0lGODlhAQABAIAAAAAAAAAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==';

// prettier-ignore
const GIF_BYTES = [
  0x47, 0x49, 0x46, 0x38, 0x39, 0x61, // "GIF89a"
  0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, // 1×1, global colour table of 2 entries
  0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // the two colours (black, black)
  0x21, 0xf9, 0x04, 0x01, 0x00, 0x00, 0x00, 0x00, // graphic control: colour 0 is transparent
  0x2c, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, // image descriptor
  0x02, 0x02, 0x44, 0x01, 0x00, // LZW data
  0x3b, // trailer
] as const;

/** The 43 GIF bytes. Shared by every answer: write it, never modify it. */
export const TRACKING_GIF: Uint8Array = Uint8Array.from(GIF_BYTES);

/** A private copy of the GIF bytes, for callers that need to own (or change) them. */
export function trackingGif(): Uint8Array {
  return Uint8Array.from(GIF_BYTES);
}
