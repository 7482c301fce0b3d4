import type { ReactNode } from 'react';
import type { AppStore } from './app-store';
import { StoreContext } from './store-context';

/** Gives the subtree its store; tests render each case with a fresh one. */
export function StoreProvider({ store, children }: { store: AppStore; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}
