import { describe, expect, it } from 'vitest';
import { valueMatcher, wildcardMatcher } from './value-matcher';

describe('wildcardMatcher', () => {
  it('anchors the first and last parts and finds the middle ones in order', () => {
    const match = wildcardMatcher('a*b*c');
    expect(match('abc')).toBe(true);
    expect(match('aXXbYYc')).toBe(true);
    expect(match('acb')).toBe(false);
    expect(match('ab')).toBe(false);
    expect(wildcardMatcher('ab*ba')('aba')).toBe(false);
    expect(wildcardMatcher('*')('')).toBe(true);
    expect(wildcardMatcher('**x**')('yxy')).toBe(true);
    expect(wildcardMatcher('exact')('EXACT')).toBe(true);
  });

  it('answers a pattern of many stars over a long text without backtracking', () => {
    const pattern = `${'*a'.repeat(40)}*b`;
    expect(wildcardMatcher(pattern)('a'.repeat(50_000))).toBe(false);
    expect(wildcardMatcher(pattern)(`${'a'.repeat(50_000)}b`)).toBe(true);
  });
});

describe('valueMatcher', () => {
  it('compares numbers only for numeric values', () => {
    expect(valueMatcher('>=2').test('2')).toBe(true);
    expect(valueMatcher('>=2').test('')).toBe(false);
    expect(valueMatcher('<2').test('abc')).toBe(false);
    expect(valueMatcher('Vid').test('my video')).toBe(true);
  });
});
