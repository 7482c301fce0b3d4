// Ids of controls that another part of the screen gives the focus back to, so a keyboard
// user lands where they started instead of on the page body.

/** The header's Log button: the log pane's Close returns the focus to it. */
export const LOG_TOGGLE_ID = 'log-toggle';

export function focusById(id: string): void {
  document.getElementById(id)?.focus();
}
