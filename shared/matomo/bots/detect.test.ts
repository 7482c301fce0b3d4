// The bot check against results of DeviceDetector 6.4.1 itself (its Bot parser run in PHP on
// these inputs): where PCRE and JavaScript read a pattern differently, the answer is PHP's.
import { describe, expect, it } from 'vitest';
import { botNameOf, toJsPattern } from './detect';
import { BOT_PATTERNS, DEVICE_DETECTOR_VERSION } from './patterns';

describe('botNameOf', () => {
  it('names the bots of 6.4.1, later releases’ verdicts aside', () => {
    expect(
      botNameOf('Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)'),
    ).toBe('Googlebot');
    // Bots in 6.4.1, no longer in later releases.
    expect(botNameOf('sqlmap/1.1.8.2#dev (http://sqlmap.org)')).toBe('sqlmap');
    expect(botNameOf('Mozilla/5.0 Cypress/12.1.0 Chrome/106')).toBe('Cypress');
    expect(
      botNameOf('Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0'),
    ).toBe(null);
  });

  it('matches a pattern only at the start or after a character outside [A-Z0-9_-]', () => {
    expect(botNameOf('MZ-Googlebot/2.1')).toBe('Googlebot');
    // `xGooglebot` is no Googlebot, but the generic pattern takes it for some bot.
    expect(botNameOf('xGooglebot/2.1')).toBe('Generic Bot');
  });

  it('lets `$` match before a final line feed, as PCRE does without the D modifier', () => {
    expect(botNameOf('Google\n')).toBe('Googlebot');
    expect(botNameOf('Google\n\n')).toBe(null);
    expect(botNameOf('Spotify/1.2\n')).toBe('Spotify');
    expect(botNameOf('Spotify/1.2\r')).toBe(null);
  });

  it('lets `.` match a carriage return, as PCRE does', () => {
    expect(botNameOf('Node\rjs')).toBe('Generic Bot');
  });
});

describe('the pattern list', () => {
  it('is DeviceDetector 6.4.1’s, every pattern compiling in JavaScript', () => {
    expect(DEVICE_DETECTOR_VERSION).toBe('6.4.1');
    expect(BOT_PATTERNS).toHaveLength(672);
    for (const [source] of BOT_PATTERNS)
      expect(() => new RegExp(toJsPattern(source), 'i')).not.toThrow();
  });

  it('uses no PCRE syntax the translation does not handle', () => {
    // \s and friends are Unicode-wide in JavaScript, ASCII in PCRE; the others do not exist in
    // JavaScript or mean something else there.
    const unsupported = /\\[sShHvVRXKQEGAZzpP]|\(\?[>|a-zA-Z#]|\[:|[+*?}]\+|\\[1-9]/;
    expect(BOT_PATTERNS.filter(([source]) => unsupported.test(source))).toEqual([]);
  });

  it('translates `.` and `$` outside character classes only', () => {
    expect(toJsPattern('a.b[.$]c\\.d\\$$')).toBe('a[^\\n]b[.$]c\\.d\\$(?=\\n?$)');
    expect(toJsPattern('[]x.]')).toBe('[\\]x.]');
  });
});
