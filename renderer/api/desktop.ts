// The optional desktop bridge (`window.hitscope`). Every use checks that the function it
// needs is there; a plain browser has none and the UI falls back to downloads and file
// inputs (docs/architecture.md#desktop-shell).
import { desktopBridgeOf, type DesktopBridge } from '../../shared/api/desktop-bridge';

export function desktopBridge(): DesktopBridge {
  return typeof window === 'undefined' ? {} : desktopBridgeOf(window);
}
