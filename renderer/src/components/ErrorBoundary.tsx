import { Component } from 'react';
import type { ErrorInfo, ReactNode } from 'react';
import { Translation } from 'react-i18next';
import './ErrorBoundary.css';

interface Props {
  children: ReactNode;
  /** 'screen': one screen failed, the shell around it still works. 'app': nothing else is left. */
  scope?: 'screen' | 'app';
  /** A change (e.g. another screen opened) clears the failure. */
  resetKey?: string;
}
interface State {
  error: Error | null;
  resetKey: string | undefined;
}

/** A render error shows a readable, translated message and a way out, never a blank window. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    // Navigating away from a broken screen must not carry the failure to the next one.
    if (props.resetKey !== state.resetKey) return { resetKey: props.resetKey, error: null };
    return null;
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    // The console is where a support person looks first (DevTools in Electron, the browser's here).
    console.error('Regio UI error', error, info.componentStack);
  }

  private readonly retry = () => this.setState({ error: null });

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    const app = this.props.scope === 'app';
    return (
      <Translation>
        {(t) => (
          <div className={app ? 'crash crash--app' : 'crash'} role="alert" data-testid="crash">
            <h2 className="crash__title">{app ? t('crash.app_title') : t('crash.title')}</h2>
            <p className="crash__message">{t('crash.body')}</p>
            <details className="crash__details">
              <summary>{t('crash.details')}</summary>
              <code>{error.message}</code>
            </details>
            <div className="crash__actions">
              <button type="button" className="button button--primary" onClick={this.retry}>
                {t('crash.retry')}
              </button>
              {app && (
                <button type="button" className="button" onClick={() => window.location.reload()}>
                  {t('actions.reload')}
                </button>
              )}
            </div>
          </div>
        )}
      </Translation>
    );
  }
}
