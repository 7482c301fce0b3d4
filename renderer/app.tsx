import type { AppStore } from './store/app-store';
import { StoreProvider } from './store/store-provider';
import { ServicesContext, type Services } from './services-context';
import { AppLayout } from './features/layout/app-layout';

export function App({ store, services }: { store: AppStore; services: Services }) {
  return (
    <StoreProvider store={store}>
      <ServicesContext.Provider value={services}>
        <AppLayout />
      </ServicesContext.Provider>
    </StoreProvider>
  );
}
