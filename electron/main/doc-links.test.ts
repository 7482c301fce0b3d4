import { describe, expect, it } from 'vitest';
import { PROTOCOL_SECTIONS } from '../../shared/matomo/protocol-sections';
import { isDocLinkUrl } from './doc-links';

describe('doc links', () => {
  it('include every Matomo page the issue reference links, so the desktop app can open it', () => {
    for (const section of Object.values(PROTOCOL_SECTIONS)) {
      if ('docs' in section && section.docs) expect(isDocLinkUrl(section.docs.url)).toBe(true);
    }
  });
});
