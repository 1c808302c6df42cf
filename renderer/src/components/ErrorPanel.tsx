import { useTranslation } from 'react-i18next';
import { errorText } from '../i18n/error-text';

interface Props {
  error: unknown;
  onRetry: () => void;
  /** What failed, when it was not a load (an export): defaults to "could not be loaded". */
  title?: string;
}

/** A load that failed: what the core said, in the user's language, and a retry. */
export function ErrorPanel({ error, onRetry, title }: Props) {
  const { t, i18n } = useTranslation();
  return (
    <div className="panel panel--error" role="alert">
      <p className="panel__title">{title ?? t('load.failed')}</p>
      <p className="panel__text">{errorText(i18n, error)}</p>
      <button type="button" className="button" onClick={onRetry}>
        {t('actions.retry')}
      </button>
    </div>
  );
}
