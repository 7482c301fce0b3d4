import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { clampInspectorWidth } from '../../lib/inspector-width';

/** Drag (or ←/→) to share the width between the table and the inspector. */
export function SplitHandle({
  width,
  onChange,
  onCommit,
}: {
  width: number;
  onChange: (width: number) => void;
  onCommit: (width: number) => void;
}) {
  const drag = useRef<{ startX: number; startWidth: number; total: number } | null>(null);
  const last = useRef(width);
  const totalOf = (element: HTMLElement) => element.parentElement?.clientWidth ?? 1280;
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = {
      startX: event.clientX,
      startWidth: width,
      total: totalOf(event.currentTarget),
    };
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (!drag.current) return;
    const { startX, startWidth, total } = drag.current;
    last.current = clampInspectorWidth(startWidth + (startX - event.clientX), total);
    onChange(last.current);
  };
  const onPointerUp = () => {
    if (!drag.current) return;
    drag.current = null;
    onCommit(last.current);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    event.preventDefault();
    const next = clampInspectorWidth(
      width + (event.key === 'ArrowLeft' ? 40 : -40),
      totalOf(event.currentTarget),
    );
    onChange(next);
    onCommit(next);
  };
  return (
    <div
      className="split-handle"
      role="separator"
      aria-orientation="vertical"
      aria-label="Resize the inspector"
      aria-valuenow={width}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onKeyDown={onKeyDown}
    />
  );
}
