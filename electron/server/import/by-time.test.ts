// The order an import stores its requests in, computed in steps.
import { describe, expect, it } from 'vitest';
import { byTime } from './by-time';

describe('byTime', () => {
  it('reads no more than a step of times between two steps, and sorts stably by time', () => {
    const count = 20_000;
    // Times repeat (ties keep file order), some are unknown (last).
    const times = Array.from({ length: count }, (_, n) =>
      n % 11 === 0 ? Infinity : Date.UTC(2026, 0, 1) + (n % 97) * 1000,
    );
    let reads = 0;
    const counted = new Proxy(times, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    const steps = byTime(counted);
    let most = 0;
    let sorted: Uint32Array;
    for (;;) {
      reads = 0;
      const step = steps.next();
      most = Math.max(most, reads);
      if (step.done) {
        sorted = step.value;
        break;
      }
    }
    // Reading every time in one step held the loop.
    expect(most).toBeLessThanOrEqual(4_096);
    const expected = times.map((_, n) => n).sort((a, b) => times[a]! - times[b]! || a - b);
    expect([...sorted]).toEqual(expected);
  });
});
