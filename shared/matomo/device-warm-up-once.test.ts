// Own process: the shared detector's warm-up is run once per process, and these cases need
// one where it has not run yet.
// Another server started in the same process finds the patterns compiled and kept: its
// warm-up has no step left, so its start is not held by the full detections that end one.
import { describe, expect, it } from 'vitest';
import { deviceWarmUpInSteps } from './user-agent';

describe('the device detector warm-up of a process', () => {
  it('runs again whole when the last one stopped before its end', () => {
    const first = deviceWarmUpInSteps();
    for (let taken = 0; taken < 3; taken++) first.next().value?.();
    let steps = 0;
    for (const step of deviceWarmUpInSteps()) {
      step();
      steps++;
    }
    expect(steps).toBeGreaterThan(20);
  });

  it('has no step once one has run its last', () => {
    for (const step of deviceWarmUpInSteps()) step();
    expect([...deviceWarmUpInSteps()]).toHaveLength(0);
  });
});
