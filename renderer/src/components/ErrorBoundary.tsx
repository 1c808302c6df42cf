import { Component } from 'react';
import type { ErrorInfo, ReactNode } from 'react';
import { t } from '../i18n/i18n';
import './ErrorBoundary.css';

interface Props {
  children: ReactNode;
}
interface State {
  error: Error | null;
}

/** A render error shows a readable message and a way out, never a blank window. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    // The console is where a support person looks first (DevTools in Electron, the browser's here).
    console.error('Regio UI error', error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <main className="crash" role="alert">
        <h1 className="crash__title">{t('error.title')}</h1>
        <p className="crash__message">{error.message}</p>
        <button type="button" className="button button--primary" onClick={() => window.location.reload()}>
          {t('error.reload')}
        </button>
      </main>
    );
  }
}
