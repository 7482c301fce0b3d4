import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiClient } from './api/client';
import { App } from './app';
import { startApp } from './app-controller';
import { createAppStore } from './store/app-store';
import { installFocusKeeper } from './lib/focus-keeper';
import { persistDrafts, restoreDrafts } from './store/draft-storage';
import './styles/theme.css';
import './styles/base.css';

const store = createAppStore();
// The composer's and the bulk builder's drafts outlive a reload.
restoreDrafts(store);
persistDrafts(store);
const client = new ApiClient();
const controller = startApp(store, client);
// An action that removes the focused control leaves the focus on its neighbour.
installFocusKeeper(document);
const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element.');

createRoot(root).render(
  <StrictMode>
    <App store={store} services={{ client, retryNow: controller.retryNow }} />
  </StrictMode>,
);
