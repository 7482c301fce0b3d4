import { describe, expect, it } from 'vitest';
import { ISSUE_CODE_LIST, ISSUE_CODES } from './issue-codes';
import { PARAM_CATALOGUE } from './params';
import { PROTOCOL_SECTIONS, protocolSection } from './protocol-sections';

describe('protocol sections', () => {
  it('exist for every section an issue code names', () => {
    const missing = ISSUE_CODE_LIST.filter((code) => !protocolSection(ISSUE_CODES[code].spec));
    expect(missing).toEqual([]);
  });

  it('exist for every section a catalogue parameter names', () => {
    const missing = PARAM_CATALOGUE.filter((param) => !protocolSection(param.spec));
    expect(missing.map((param) => param.name)).toEqual([]);
  });

  it('each name Matomo source files and link only to Matomo documentation over https', () => {
    for (const section of Object.values(PROTOCOL_SECTIONS)) {
      expect(section.sources.length).toBeGreaterThan(0);
      if ('docs' in section && section.docs) {
        expect(section.docs.url).toMatch(/^https:\/\/developer\.matomo\.org\//);
      }
    }
  });

  it('match an anchor of docs/tracking-protocol.md', async () => {
    const { readFileSync } = await import('node:fs');
    const doc = readFileSync(new URL('../../docs/tracking-protocol.md', import.meta.url), 'utf8');
    for (const section of Object.values(PROTOCOL_SECTIONS)) {
      expect(doc).toContain(`<a id="${section.anchor}"></a>`);
    }
  });

  it('is undefined for a number the document does not have', () => {
    expect(protocolSection('99.9')).toBeUndefined();
    expect(protocolSection('__proto__')).toBeUndefined();
  });
});
