import { beforeEach, describe, expect, it } from 'vitest';
import { INSPECTOR_WIDTH_KEY, loadInspectorWidth } from './inspector-width';

beforeEach(() => localStorage.clear());

describe('loadInspectorWidth', () => {
  it('leaves a small window most of its width for the table until the user drags', () => {
    expect(loadInspectorWidth(1280)).toBe(460);
    // 1024 px wide: 369 px, not 460, so the Summary column is not pushed off-screen.
    expect(loadInspectorWidth(1024)).toBe(369);
    expect(loadInspectorWidth(700)).toBe(320);
    localStorage.setItem(INSPECTOR_WIDTH_KEY, '500');
    expect(loadInspectorWidth(1024)).toBe(500);
  });
});
