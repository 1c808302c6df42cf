// Must stay first: configures zod before any contract schema is defined (see zod-jitless.ts).
import './zod-jitless';
// The UI font ships with the app (Polish and Czech letters live in latin-ext), never the machine's.
import '@fontsource/noto-sans/latin-400.css';
import '@fontsource/noto-sans/latin-ext-400.css';
import '@fontsource/noto-sans/latin-600.css';
import '@fontsource/noto-sans/latin-ext-600.css';
import '@fontsource/noto-sans/latin-700.css';
import '@fontsource/noto-sans/latin-ext-700.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { createRegioApi } from './api/regio-api';
import { AppServicesContext } from './app/app-context';
import { App } from './app/App';
import { createServices } from './app/services';
import { ErrorBoundary } from './components/ErrorBoundary';
import { createI18n, detectLanguage } from './i18n/i18n';
import './styles/base.css';

// Until the session says otherwise (the office's locale, the user's choice), the browser's language.
const i18n = createI18n(detectLanguage());
const services = createServices(createRegioApi(), i18n, window);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <ErrorBoundary scope="app">
        <AppServicesContext value={services}>
          <App />
        </AppServicesContext>
      </ErrorBoundary>
    </I18nextProvider>
  </StrictMode>,
);
