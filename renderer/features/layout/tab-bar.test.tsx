import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp } from '../../test-support/render-app';
import { TabBar } from './tab-bar';

afterEach(cleanup);

describe('TabBar', () => {
  it('moves to the next view with the arrows, round the ends, and Home/End', () => {
    const view = renderApp(<TabBar views={['hits', 'visits', 'compose']} />);
    const tab = (name: string) => screen.getByRole('tab', { name });
    tab('Hits').focus();
    fireEvent.keyDown(tab('Hits'), { key: 'ArrowRight' });
    expect(view.store.getState().view).toBe('visits');
    expect(document.activeElement).toBe(tab('Visits'));
    fireEvent.keyDown(tab('Visits'), { key: 'End' });
    expect(view.store.getState().view).toBe('compose');
    fireEvent.keyDown(tab('Compose'), { key: 'ArrowRight' });
    expect(view.store.getState().view).toBe('hits');
    expect(document.activeElement).toBe(tab('Hits'));
    fireEvent.keyDown(tab('Hits'), { key: 'ArrowLeft' });
    expect(view.store.getState().view).toBe('compose');
    fireEvent.keyDown(tab('Compose'), { key: 'Home' });
    expect(document.activeElement).toBe(tab('Hits'));
    // Other keys are left alone: Enter still activates through the button itself.
    fireEvent.keyDown(tab('Hits'), { key: 'a' });
    expect(view.store.getState().view).toBe('hits');
  });
});
