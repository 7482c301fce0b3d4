import type { ReactTable } from '@tanstack/react-table';
import type { DisplayRow } from '../../lib/table-view';
import type { tableFeatureSet } from './hit-columns';

/** Fixed row height: no measuring, so rows never jump while hits stream in. */
export const ROW_HEIGHT = 28;

export type HitsTableFeatures = typeof tableFeatureSet;

/** The table model as the grid and header see it (they do not read selected state). */
export type HitsTableModel = ReactTable<HitsTableFeatures, DisplayRow, unknown>;
