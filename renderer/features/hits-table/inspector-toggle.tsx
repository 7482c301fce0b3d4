import { INSPECTOR_ID } from '../hit-inspector/inspector-focus';
import { useAppStore } from '../../store/store-context';

/** Hides or shows the inspector, so a small window can give the table its whole width. */
export function InspectorToggle() {
  const open = useAppStore((s) => s.inspectorOpen);
  const setOpen = useAppStore((s) => s.setInspectorOpen);
  return (
    <button
      type="button"
      className="button ghost inspector-toggle"
      aria-expanded={open}
      aria-controls={open ? INSPECTOR_ID : undefined}
      title={open ? 'Give the table the whole width' : 'Show the selected hit beside the table'}
      onClick={() => setOpen(!open)}
    >
      {open ? 'Hide inspector' : 'Show inspector'}
    </button>
  );
}
