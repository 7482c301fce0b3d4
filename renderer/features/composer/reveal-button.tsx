/** Show / Hide for a masked secret (token_auth); pressed while the value is shown. */
export function RevealButton({ revealed, onToggle }: { revealed: boolean; onToggle(): void }) {
  return (
    <button type="button" className="button ghost small" aria-pressed={revealed} onClick={onToggle}>
      {revealed ? 'Hide' : 'Show'}
    </button>
  );
}
