import { describe, expect, it } from 'vitest';
import { referrerSpammer } from './match';
import { REFERRER_SPAMMERS } from './spammers';

// core/Tracker/Visit/ReferrerSpamFilter.php lines 34–48: stripos of each listed name in the
// whole urlref. Answers are kept per referrer; they must stay the same however many are kept.
describe('referrer spam answers kept per referrer', () => {
  const listed = REFERRER_SPAMMERS[0] as string;

  it('gives the same answer on repeated and case-changed referrers', () => {
    const spam = `https://${listed.toUpperCase()}/page`;
    expect(referrerSpammer(spam)).toBe(listed.toLowerCase());
    expect(referrerSpammer(spam)).toBe(listed.toLowerCase());
    expect(referrerSpammer('https://www.google.com/')).toBeNull();
    expect(referrerSpammer('https://www.google.com/')).toBeNull();
  });

  it('keeps answering right past the number of kept answers and for long referrers', () => {
    for (let i = 0; i < 2500; i++) {
      const spam = i % 2 === 0;
      const referrer = spam ? `https://x${i}.${listed}/` : `https://x${i}.example/`;
      expect(referrerSpammer(referrer) !== null, referrer).toBe(spam);
    }
    const long = `https://example.org/?q=${'a'.repeat(2000)}&from=${listed}`;
    expect(referrerSpammer(long)).toBe(listed.toLowerCase());
    expect(referrerSpammer(long)).toBe(listed.toLowerCase());
  });
});
