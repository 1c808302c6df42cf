import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../i18n/format';
import type { Progress } from './mapped-import.store';

/**
 * The dry run's or the commit's progress, as the core reports it. Each import names the run in its
 * own words (`ns`: its `check.running`, `commit.running` and `*.progress_label` texts); the count is
 * the client import's text everywhere.
 */
export function ProgressBar({
  progress,
  ns,
  testId,
}: {
  progress: Progress;
  ns: 'clientImport' | 'orders';
  testId: string;
}) {
  // Both namespaces have these keys; the clients' typing stands for both.
  const { t, i18n } = useTranslation(ns as 'clientImport');
  const { t: tc } = useTranslation('clientImport');
  const { done, total } = progress;
  const percent = total > 0 ? Math.min(100, Math.round((done / total) * 100)) : 0;
  const text = tc('check.progress', { done, total });
  const dry = progress.kind === 'dryRun';
  return (
    <div className="client-import__progress">
      <span className="client-import__progress-title">{dry ? t('check.running') : t('commit.running')}</span>
      <div
        className="client-import__bar"
        role="progressbar"
        aria-label={dry ? t('check.progress_label') : t('commit.progress_label')}
        aria-valuemin={0}
        aria-valuemax={Math.max(total, 0)}
        aria-valuenow={Math.min(done, Math.max(total, done))}
        aria-valuetext={text}
        data-testid={testId}
      >
        <div className="client-import__bar-fill" style={{ width: `${percent}%` }} />
      </div>
      <span className="client-import__progress-text">
        {text} ({formatNumber(percent / 100, i18n.language, { style: 'percent' })})
      </span>
    </div>
  );
}
