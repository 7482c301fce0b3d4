import { useAppStore } from '../../store/store-context';
import type { View } from '../../store/ui-slice';
import { VIEW_PANELS } from './view-panels';

/** Tabs of the main views (hits, and the panels other features register). */
export function TabBar({ views }: { views: View[] }) {
  const view = useAppStore((s) => s.view);
  const setView = useAppStore((s) => s.setView);
  const pending = useAppStore((s) => s.pending.length);
  if (views.length < 2) return null;
  return (
    <div className="tab-bar" role="tablist" aria-label="Views">
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
