import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/regio-api';
import { errorText, issueText } from '../../../i18n/error-text';

interface Props {
  title: string;
  error: unknown;
  onRetry?: () => void;
  /** Defaults to the client import's id, which its e2e tests read. */
  testId?: string;
}

/** What went wrong, translated from the core's key; a refused input lists its fields' problems too. */
export function ImportErrorPanel({ title, error, onRetry, testId = 'import-error' }: Props) {
  const { t, i18n } = useTranslation();
  const issues = error instanceof ApiError ? (error.data.issues ?? []) : [];
  return (
    <div className="panel panel--error client-import__error" role="alert" data-testid={testId}>
      <p className="panel__title">{title}</p>
      <p className="panel__text">{errorText(i18n, error)}</p>
      {issues.length > 0 && (
        <ul className="client-import__issues">
          {issues.map((issue, i) => (
            <li key={i}>{issueText(i18n, issue)}</li>
          ))}
        </ul>
      )}
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          {t('actions.retry')}
        </button>
      )}
    </div>
  );
}
