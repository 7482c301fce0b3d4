/** Reveal / Hide for token_auth in the inspector's views; pressed while the token is shown. */
export function RevealTokenButton({
  reveal,
  onReveal,
  title,
}: {
  reveal: boolean;
  onReveal(reveal: boolean): void;
  /** Says where the token is masked (views, copies). */
  title: string;
}) {
  return (
    <button
      type="button"
      className="button small"
      aria-pressed={reveal}
      onClick={() => onReveal(!reveal)}
      title={title}
    >
      {reveal ? 'Hide token' : 'Reveal token'}
    </button>
  );
}
