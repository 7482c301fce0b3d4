// The detector's patterns are built once and kept (a rebuilt RegExp loses its compiled code at
// the engine's next full garbage collection: the next unknown user agent then took seconds),
// and its warm-up comes in steps a server can run between requests.
import DeviceDetector from 'node-device-detector';
import { describe, expect, it } from 'vitest';
import { deviceWarmUpSteps, keepCompiledPatterns } from './device-warm-up';

const parsersOf = (detector: object) =>
  ['deviceParserList', 'osParserList', 'clientParserList'].flatMap((list) =>
    Object.values(
      (detector as Record<string, Record<string, { getBaseRegExp(s: string): RegExp }>>)[list]!,
    ),
  );

describe('device detector warm-up', () => {
  it('keeps one RegExp per pattern text for every parser', () => {
    const detector = new DeviceDetector({ deviceIndexes: true });
    keepCompiledPatterns(detector);
    const parsers = parsersOf(detector);
    expect(parsers.length).toBeGreaterThan(10);
    for (const parser of parsers) {
      expect(parser.getBaseRegExp('Nexus 5')).toBe(parser.getBaseRegExp('Nexus 5'));
    }
  });

  it('detects alike with kept patterns, before and after the warm-up', () => {
    const ua =
      'Mozilla/5.0 (Linux; Android 13; SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36';
    const plain = new DeviceDetector({ deviceIndexes: true }).detect(ua);
    const kept = new DeviceDetector({ deviceIndexes: true });
    keepCompiledPatterns(kept);
    expect(kept.detect(ua)).toEqual(plain);
    const detected: string[] = [];
    let steps = 0;
    for (const step of deviceWarmUpSteps(kept, (text) => detected.push(text))) {
      step();
      steps++;
    }
    // Many small steps rather than one long one; full detections only at the end.
    expect(steps).toBeGreaterThan(20);
    expect(detected).toHaveLength(2);
    expect(kept.detect(ua)).toEqual(plain);
  });
});
