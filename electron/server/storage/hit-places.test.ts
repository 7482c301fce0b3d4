// A cursor's place carried over the deleted runs and clears made after it was given.
import { describe, expect, it } from 'vitest';
import { cursorHitId, HitPlaces } from './hit-places';

describe('a cursor place', () => {
  it('is the position it was given at while nothing changed', () => {
    const places = new HitPlaces();
    const cursor = places.cursor('k1-a.0', 7);
    expect(places.read(cursor)).toEqual({ hitId: 'k1-a.0', place: 7 });
    expect(cursorHitId(cursor)).toBe('k1-a.0');
  });

  it('moves down by the positions taken out below it (its own hit is not below)', () => {
    const places = new HitPlaces();
    const cursor = places.cursor('k1-a.0', 10);
    // Positions 2, 3, 9, 10 (the cursor's own hit) and 12 go: 7 older hits are left.
    places.removed([2, 4, 9, 11, 12, 13]);
    expect(places.read(cursor).place).toBe(7);
    // A later change: position 0 goes too.
    places.removed([0, 1]);
    expect(places.read(cursor).place).toBe(6);
    // A cursor given after the first change is carried over the second only.
    expect(places.read(places.cursor('k1-b.0', 6, 1)).place).toBe(5);
  });

  it('has nothing older after a clear', () => {
    const places = new HitPlaces();
    const cursor = places.cursor('k1-a.0', 10);
    places.cleared(20);
    expect(places.read(cursor).place).toBe(0);
  });

  it('is not known for a bare hit id or a cursor of an earlier start', () => {
    const places = new HitPlaces();
    expect(places.read('k1-a.0')).toEqual({ hitId: 'k1-a.0', place: null });
    expect(places.read('k1-a.0~10~zzzzzz.0')).toEqual({ hitId: 'k1-a.0', place: null });
    expect(cursorHitId('k1-a.0')).toBe('k1-a.0');
  });
});
