// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { applySuggestion, suggest } from './autocomplete';

const context = {
  paramNames: ['e_c', 'e_a', 'dimension1', 'idgoal'],
  sites: [1, 3],
  valuesOf: (name: string) => (name === 'e_c' ? ['Video', 'Audio'] : []),
};

describe('suggest', () => {
  it('offers field and parameter names for a partial name', () => {
    const result = suggest('ty', 2, context);
    expect(result?.items.map((i) => i.label)).toEqual(['type:']);
    const params = suggest('foo e_', 6, context);
    expect(params?.items.map((i) => i.label)).toEqual(['e_c:', 'e_a:']);
    expect(params?.from).toBe(4);
  });

  it('offers values after a colon', () => {
    expect(suggest('outcome:re', 10, context)?.items.map((i) => i.label)).toEqual([
      'recorded',
      'rejected',
    ]);
    expect(suggest('idsite:', 7, context)?.items.map((i) => i.label)).toEqual(['1', '3']);
    expect(suggest('e_c:V', 5, context)?.items.map((i) => i.label)).toEqual(['Video']);
  });

  it('applies a suggestion in place of the current token', () => {
    const result = suggest('type:ev idsite:3', 7, context);
    expect(result).not.toBeNull();
    const applied = applySuggestion('type:ev idsite:3', result!, result!.items[0]!);
    expect(applied.query).toBe('type:event idsite:3');
    const name = suggest('e_', 2, context)!;
    expect(applySuggestion('e_', name, name.items[0]!)).toEqual({ query: 'e_c:', cursor: 4 });
  });
});
