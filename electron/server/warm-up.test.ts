// A warm-up in steps, and work tried in its turns ahead of its end (counted in steps and
// tries, not timed).
import { describe, expect, it } from 'vitest';
import { runInTurns } from './warm-up';

function* countedSteps(total: number, taken: { count: number }): Generator<() => void> {
  for (let n = 0; n < total; n++) yield () => void taken.count++;
}

describe('a warm-up run in turns', () => {
  it('gives work tried ahead its result before the steps are over', async () => {
    const taken = { count: 0 };
    const warmUp = runInTurns(countedSteps(100, taken));
    let tries = 0;
    const result = await warmUp.ahead(() => (++tries < 3 ? null : { value: 'settled' }), 10);
    expect(result).toBe('settled');
    expect(tries).toBe(3);
    expect(warmUp.finished()).toBe(false);
    expect(taken.count).toBeLessThan(100);
    await warmUp.done;
    expect(taken.count).toBe(100);
  });

  it('leaves work out of tries to wait for the end of the steps', async () => {
    const taken = { count: 0 };
    const warmUp = runInTurns(countedSteps(50, taken));
    let tries = 0;
    const result = await warmUp.ahead(() => {
      tries++;
      return null;
    }, 4);
    expect(result).toBeUndefined();
    expect(tries).toBe(4);
    expect(taken.count).toBe(50);
  });

  it('lets several take turns, so that a long one does not hold a short one', async () => {
    const warmUp = runInTurns(countedSteps(100, { count: 0 }));
    const order: string[] = [];
    const tryUntil = (name: string, needed: number) => {
      let tries = 0;
      return () => {
        order.push(name);
        return ++tries < needed ? null : { value: name };
      };
    };
    const long = warmUp.ahead(tryUntil('long', 5), 10);
    const short = warmUp.ahead(tryUntil('short', 2), 10);
    expect(await Promise.all([long, short])).toEqual(['long', 'short']);
    expect(order).toEqual(['long', 'short', 'long', 'short', 'long', 'long', 'long']);
  });

  it('gives nothing to work that comes once the steps are over', async () => {
    const warmUp = runInTurns(countedSteps(3, { count: 0 }));
    await warmUp.done;
    let tries = 0;
    expect(await warmUp.ahead(() => ({ value: ++tries }), 10)).toBeUndefined();
    expect(tries).toBe(0);
  });
});
