// PHP's empty() as Matomo's tracker applies it to request values and decoded JSON: the rules
// checked against PHP 8 (`php -r 'var_dump(empty($v));'`).
import { describe, expect, it } from 'vitest';
import { parsePhpJson } from './php-json';
import { phpEmpty } from './php-text';

describe("PHP's empty()", () => {
  it.each([
    ['missing', undefined],
    ['null', null],
    ['false', false],
    ['the empty text', ''],
    ['the text "0"', '0'],
    ['0', 0],
    ['0.0', 0.0],
    ['-0.0', -0],
    ['an empty list', []],
    ['an empty JSON object (an empty PHP array)', parsePhpJson('{}')],
  ])('calls %s empty', (_what, value) => {
    expect(phpEmpty(value)).toBe(true);
  });

  it.each([
    ['the text "0.0"', '0.0'],
    ['a space', ' '],
    ['the text "00"', '00'],
    ['a letter', 'a'],
    ['1', 1],
    ['true', true],
    ['a list of one 0', [0]],
    ['a list of one empty text', ['']],
    ['a JSON object with a key', parsePhpJson('{"a":0}')],
  ])('does not call %s empty', (_what, value) => {
    expect(phpEmpty(value)).toBe(false);
  });
});
