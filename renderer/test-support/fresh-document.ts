// Setup file of the dom project, run before each test file. The files of a worker share one
// jsdom (vite.config.ts): each file starts on an empty page with empty storage and real
// timers, whatever the file before it left.
import { cleanup } from '@testing-library/react';
import { beforeAll, vi } from 'vitest';

beforeAll(() => {
  vi.useRealTimers();
  // Files that ask for the node environment have no page.
  if (typeof document === 'undefined') return;
  cleanup();
  document.body.innerHTML = '';
  localStorage.clear();
  sessionStorage.clear();
});
