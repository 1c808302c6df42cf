// Must stay first: configures zod before any contract schema is defined (see zod-jitless.ts).
import './zod-jitless';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createRegioApi } from './api/regio-api';
import { AppServicesContext } from './app/app-context';
import { createAppStore } from './app/app.store';
import { App } from './app/App';
import { ErrorBoundary } from './components/ErrorBoundary';
import { detectLanguage, setLanguage } from './i18n/i18n';
import './styles/base.css';

// Until an office exists the browser's language decides; App switches to the office's locale.
setLanguage(detectLanguage());

const api = createRegioApi();
const store = createAppStore(api);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <ErrorBoundary>
      <AppServicesContext value={{ api, store }}>
        <App />
      </AppServicesContext>
    </ErrorBoundary>
  </StrictMode>,
);
