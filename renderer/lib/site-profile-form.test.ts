// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { emptyDraft, fromDrafts, toDraft } from './site-profile-form';

describe('site profile form', () => {
  it('round-trips a profile through the text fields', () => {
    const site = {
      idsite: 3,
      name: 'Shop',
      urls: ['https://shop.example'],
      goals: [1, 4],
      dimensions: [2],
      siteSearch: false,
      tokens: ['0123456789abcdef0123456789abcdef'],
    };
    expect(fromDrafts([toDraft(site)])).toEqual({ sites: [site], errors: [] });
  });

  it('names every problem and the profile it is in', () => {
    const a = { ...emptyDraft([]), name: 'A', goals: '1, x', urls: 'shop.example' };
    const b = { ...emptyDraft([]), name: 'B', idsite: a.idsite };
    const { errors } = fromDrafts([a, b]);
    expect(errors).toEqual([
      'A: "shop.example" is not an http(s) URL.',
      'A: goal id "x" is not a positive whole number.',
      `B: idsite ${a.idsite} is used by another profile.`,
    ]);
  });

  it('picks the next free idsite for a new profile', () => {
    const seven = toDraft({
      idsite: 7,
      name: 'Seven',
      urls: [],
      goals: [],
      dimensions: [],
      siteSearch: true,
      tokens: [],
    });
    expect(emptyDraft([seven]).idsite).toBe('8');
    expect(emptyDraft([]).idsite).toBe('1');
  });
});
