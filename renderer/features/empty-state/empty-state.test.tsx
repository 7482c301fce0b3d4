import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp } from '../../test-support/render-app';
import { EmptyState } from './empty-state';

afterEach(cleanup);

describe('EmptyState', () => {
  it('loads matomo.js from the user’s Matomo and points only setTrackerUrl at Hitscope', () => {
    renderApp(<EmptyState />);
    const snippet = screen.getByText(/_paq\.push\(\['trackPageView'\]\)/).textContent ?? '';
    expect(snippet).toContain("_paq.push(['setTrackerUrl', 'http://127.0.0.1:8765/matomo.php'])");
    // Hitscope does not serve the tracker code: the script must not come from it.
    expect(snippet).not.toContain('127.0.0.1:8765/matomo.js');
    expect(snippet).not.toMatch(/g\.src = '[^']*127\.0\.0\.1/);
    expect(snippet).toContain("var matomo = 'https://YOUR-MATOMO.example/'");
    expect(screen.getByTestId('snippet-note').textContent).toContain(
      "does not serve Matomo's tracker code",
    );
  });
});
