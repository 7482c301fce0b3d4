// The type labels the table shows are values the search box understands.
import { describe, expect, it } from 'vitest';
import { TYPE_LABELS } from './type-icon';
import { compileQuery } from '../../lib/query/compile-query';

describe('type: with the labels of the table', () => {
  it('selects the type of each label', () => {
    for (const [type, label] of Object.entries(TYPE_LABELS)) {
      const query = compileQuery(`type:"${label}"`);
      expect(query.problems, label).toEqual([]);
      expect(query.explanation, label).toEqual([`type is ${type}`]);
    }
  });
});
