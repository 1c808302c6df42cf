import { useTranslation } from 'react-i18next';
import { formatMonth } from '../actions/action-format';

/** ‹ November 2026 ›: the month a screen shows, moved a month at a time. */
export function MonthSwitcher({
  month,
  onShift,
  testId,
}: {
  month: string | null;
  onShift: (delta: -1 | 1) => void;
  /** Prefix of the test ids: `${testId}-prev`, `${testId}-month`, `${testId}-next`. */
  testId: string;
}) {
  const { t, i18n } = useTranslation('plans');
  return (
    <div className="plans-months" role="group" aria-label={t('month')}>
      <button
        type="button"
        className="button button--icon"
        aria-label={t('prev')}
        title={t('prev')}
        disabled={!month}
        data-testid={`${testId}-prev`}
        onClick={() => onShift(-1)}
      >
        <span aria-hidden="true">‹</span>
      </button>
      <output
        className="plans-months__month"
        aria-live="polite"
        data-testid={`${testId}-month`}
        data-month={month ?? ''}
      >
        {month ? formatMonth(month, i18n.language) : '…'}
      </output>
      <button
        type="button"
        className="button button--icon"
        aria-label={t('next')}
        title={t('next')}
        disabled={!month}
        data-testid={`${testId}-next`}
        onClick={() => onShift(1)}
      >
        <span aria-hidden="true">›</span>
      </button>
    </div>
  );
}
