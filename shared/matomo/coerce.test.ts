import { describe, expect, it } from 'vitest';
import {
  isPhpNumeric,
  readFloat,
  readInt,
  readJson,
  readString,
  roundMoney,
  cutChars,
} from './coerce';

describe('readInt (PHP 8 loose integer check, docs/tracking-protocol.md#coercion)', () => {
  it.each([
    ['5', 5],
    [' 5', 5],
    ['5 ', 5],
    ['5.0', 5],
    ['1e2', 100],
    ['-3', -3],
    ['+7', 7],
    ['007', 7],
    ['1.5e3', 1500],
  ])('accepts %j as %d', (raw, expected) => {
    expect(readInt(raw)).toEqual({ ok: true, value: expected });
  });

  it.each(['5abc', '1.5', '0x1A', 'abc', '1e', '.', '5 5', '1e400'])('refuses %j', (raw) => {
    expect(readInt(raw)).toEqual({ ok: false, reason: 'syntax' });
  });

  it('treats missing and empty values as "use the default"', () => {
    expect(readInt(undefined)).toEqual({ ok: false, reason: 'missing' });
    expect(readInt(null)).toEqual({ ok: false, reason: 'missing' });
    expect(readInt('')).toEqual({ ok: false, reason: 'empty' });
    expect(readInt(false)).toEqual({ ok: false, reason: 'empty' });
  });

  it('reads bulk JSON values as PHP would', () => {
    expect(readInt(5)).toEqual({ ok: true, value: 5 });
    expect(readInt(5.5)).toEqual({ ok: false, reason: 'type' });
    expect(readInt(true)).toEqual({ ok: true, value: 1 });
    expect(readInt([1])).toEqual({ ok: false, reason: 'type' });
    expect(readInt({ a: 1 })).toEqual({ ok: false, reason: 'type' });
  });
});

describe('readFloat (docs/tracking-protocol.md#coercion regex)', () => {
  it.each([
    ['12.5', 12.5],
    ['12,5', 12],
    ['-1', -1],
    ['.5', 0.5],
    ['5.', 5],
    ['1e3', 1000],
    ['+2.5E-1', 0.25],
  ])('accepts %j', (raw, expected) => {
    expect(readFloat(raw)).toEqual({ ok: true, value: expected });
  });

  it.each([' 1', '1 ', 'abc', '1.2.3', 'NaN', 'Infinity', '0x10'])('refuses %j', (raw) => {
    expect(readFloat(raw).ok).toBe(false);
  });

  it('accepts finite JSON numbers', () => {
    expect(readFloat(3.25)).toEqual({ ok: true, value: 3.25 });
    expect(readFloat(true)).toEqual({ ok: true, value: 1 });
  });
});

describe('readString and readJson', () => {
  it('reads numbers as text, refuses lists, objects and booleans', () => {
    expect(readString('a b')).toEqual({ ok: true, value: 'a b' });
    expect(readString(42)).toEqual({ ok: true, value: '42' });
    expect(readString(1.5)).toEqual({ ok: true, value: '1.5' });
    expect(readString(['a'])).toEqual({ ok: false, reason: 'type' });
    expect(readString(true)).toEqual({ ok: false, reason: 'type' });
  });

  it('parses JSON strings and passes bulk values through', () => {
    expect(readJson('{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
    expect(readJson('{“a”:1}')).toEqual({ ok: false, reason: 'syntax' });
    expect(readJson([1, 2])).toEqual({ ok: true, value: [1, 2] });
    expect(readJson(45)).toEqual({ ok: true, value: 45 });
  });
});

describe('helpers', () => {
  it('isPhpNumeric follows PHP 8 numeric strings', () => {
    expect(isPhpNumeric(' 12 ')).toBe(true);
    expect(isPhpNumeric('1e5')).toBe(true);
    expect(isPhpNumeric('12abc')).toBe(false);
    expect(isPhpNumeric(3)).toBe(true);
    expect(isPhpNumeric(null)).toBe(false);
  });

  it('roundMoney keeps integers and rounds to cents', () => {
    expect(roundMoney(10)).toBe(10);
    expect(roundMoney(12.345)).toBe(12.35);
    expect(roundMoney(0.1 + 0.2)).toBe(0.3);
  });

  it('cutChars counts code points', () => {
    expect(cutChars('😀😀😀', 2)).toBe('😀😀');
  });
});
