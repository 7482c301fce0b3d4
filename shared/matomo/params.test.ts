import { describe, expect, it } from 'vitest';
import { LEGACY_PARAM_NAMES } from '../../test-support/matomo-hit';
import {
  PARAM_CATALOGUE,
  PARAM_GROUPS,
  dimensionId,
  findParamSpec,
  paramLabel,
  paramsInGroup,
  suggestParam,
} from './params';

describe('parameter catalogue', () => {
  it('has one entry per name, each in a known group with a label, description and section', () => {
    const names = PARAM_CATALOGUE.map((spec) => spec.name);
    expect(new Set(names).size).toBe(names.length);
    for (const spec of PARAM_CATALOGUE) {
      expect(PARAM_GROUPS).toContain(spec.group);
      expect(spec.label.length).toBeGreaterThan(0);
      expect(spec.description.length).toBeGreaterThan(10);
      expect(spec.spec).toMatch(/^\d+(\.\d+)?$/);
    }
  });

  it('covers every group', () => {
    for (const group of PARAM_GROUPS) expect(paramsInGroup(group).length).toBeGreaterThan(0);
  });

  it('lists the parameters Matomo 5 no longer reads as legacy', () => {
    for (const name of LEGACY_PARAM_NAMES) {
      const spec = findParamSpec(name);
      expect(spec, name).toBeDefined();
      expect(spec?.readByMatomo5, name).toBe(false);
      expect(spec?.legacy, name).toBe(true);
    }
  });

  it('knows parameters that current trackers send but the server ignores, without calling them legacy', () => {
    for (const name of ['r', '_idn', 'consent', 'data', 'e_cvar']) {
      expect(findParamSpec(name)?.readByMatomo5, name).toBe(false);
      expect(findParamSpec(name)?.legacy, name).toBe(false);
    }
  });

  it('marks the overrides that need token_auth (docs/tracking-protocol.md#authenticated-overrides)', () => {
    const needAuth = PARAM_CATALOGUE.filter((spec) => spec.requiresAuth).map((s) => s.name);
    expect(needAuth.sort()).toEqual(['cdt', 'cip', 'city', 'country', 'lat', 'long', 'region']);
  });

  it('carries the truncation limits and ranges of docs/tracking-protocol.md#parameters', () => {
    expect(findParamSpec('url')?.maxLength).toBe(1024);
    expect(findParamSpec('action_name')?.maxLength).toBe(1024);
    expect(findParamSpec('res')?.maxLength).toBe(9);
    expect(findParamSpec('uid')?.maxLength).toBe(200);
    expect(findParamSpec('pv_id')?.maxLength).toBe(6);
    expect(findParamSpec('country')?.maxLength).toBe(3);
    expect(findParamSpec('pf_srv')?.range).toEqual({ min: 0, max: 16777215 });
    expect(findParamSpec('h')?.range).toEqual({ min: 0, max: 23 });
  });

  it('finds dimensionN through its pattern, for ids ≥ 1 only', () => {
    expect(findParamSpec('dimension1')?.name).toBe('dimensionN');
    expect(findParamSpec('dimension250')?.maxLength).toBe(250);
    expect(findParamSpec('dimension0')).toBeUndefined();
    expect(findParamSpec('dimension01')).toBeUndefined();
    expect(findParamSpec('dimension')).toBeUndefined();
    expect(dimensionId('dimension12')).toBe(12);
    expect(dimensionId('dimension0')).toBeNull();
  });

  it('is case-sensitive, as PHP reads parameter names', () => {
    expect(findParamSpec('idSite')).toBeUndefined();
    expect(findParamSpec('idsite')?.group).toBe('General');
  });

  it('includes media, crash and product view parameters', () => {
    expect(findParamSpec('ma_id')?.group).toBe('Media');
    expect(findParamSpec('cra_st')?.group).toBe('Crash');
    expect(findParamSpec('_pkc')?.group).toBe('Ecommerce');
    expect(findParamSpec('pf_onl')?.group).toBe('Performance');
  });
});

describe('suggestParam', () => {
  it('suggests the right case first', () => {
    expect(suggestParam('idSite')).toBe('idsite');
    expect(suggestParam('URL')).toBe('url');
  });

  it('suggests by edit distance', () => {
    expect(suggestParam('action-name')).toBe('action_name');
    expect(suggestParam('ec_item')).toBe('ec_items');
    expect(suggestParam('urlrefs')).toBe('urlref');
    expect(suggestParam('serach')).toBe('search');
  });

  it('maps dimension spellings to dimensionN', () => {
    expect(suggestParam('dimension_3')).toBe('dimension3');
    expect(suggestParam('Dimension4')).toBe('dimension4');
  });

  it('does not guess for unrelated or very short names, nor for known ones', () => {
    expect(suggestParam('utm_source')).toBeNull();
    expect(suggestParam('x')).toBeNull();
    expect(suggestParam('idsite')).toBeNull();
  });
});

describe('paramLabel', () => {
  it('puts the number of a dimension in its label, not a literal N', () => {
    expect(paramLabel('dimension3')).toBe('Custom dimension 3');
    expect(paramLabel('dimension12')).toBe('Custom dimension 12');
    expect(paramLabel('idsite')).toBe(findParamSpec('idsite')?.label);
    expect(paramLabel('nothing_known')).toBeUndefined();
  });
});
