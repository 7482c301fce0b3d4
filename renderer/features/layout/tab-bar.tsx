import type { KeyboardEvent } from 'react';
import { useAppStore } from '../../store/store-context';
import type { View } from '../../store/ui-slice';
import { VIEW_PANELS } from './view-panels';

/** Tabs of the main views (hits, and the panels other features register). */
export function TabBar({ views }: { views: View[] }) {
  const view = useAppStore((s) => s.view);
  const setView = useAppStore((s) => s.setView);
  const pending = useAppStore((s) => s.pending.length);
  if (views.length < 2) return null;
  // ←/→ (and Home/End) move to the next view and show it, as in any tab list; Tab still
  // stops at every tab.
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const at = views.indexOf(view);
    const next =
      event.key === 'ArrowRight'
        ? (at + 1) % views.length
        : event.key === 'ArrowLeft'
          ? (at - 1 + views.length) % views.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? views.length - 1
              : -1;
    const name = views[next];
    if (name === undefined) return;
    event.preventDefault();
    setView(name);
    document.getElementById(`tab-${name}`)?.focus();
  };
  return (
    <div className="tab-bar" role="tablist" aria-label="Views" onKeyDown={onKeyDown}>
      {views.map((name) => (
        <button
          key={name}
          type="button"
          role="tab"
          id={`tab-${name}`}
          aria-controls={`panel-${name}`}
          aria-selected={view === name}
          className="tab"
          onClick={() => setView(name)}
        >
          {VIEW_PANELS[name]?.label ?? name}
          {name === 'hits' && pending > 0 ? <span className="tab-count">{pending}</span> : null}
        </button>
      ))}
    </div>
  );
}
