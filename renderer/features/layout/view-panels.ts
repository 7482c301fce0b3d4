// The main views and the panel each one shows. A view gets a tab only when it has a
// panel here; other features register theirs by adding an entry.
import type { ComponentType } from 'react';
import type { View } from '../../store/ui-slice';
import { BulkView } from '../bulk-builder/bulk-view';
import { ComposerView } from '../composer/composer-view';
import { HistoryView } from '../history/history-view';
import { HitsView } from '../hits-table/hits-view';
import { VisitsView } from '../visits/visits-view';

export interface ViewPanel {
  label: string;
  component: ComponentType;
}

export const VIEW_PANELS: Partial<Record<View, ViewPanel>> = {
  hits: { label: 'Hits', component: HitsView },
  visits: { label: 'Visits', component: VisitsView },
  compose: { label: 'Compose', component: ComposerView },
  bulk: { label: 'Bulk', component: BulkView },
  history: { label: 'History', component: HistoryView },
};
