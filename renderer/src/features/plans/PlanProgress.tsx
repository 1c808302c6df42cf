import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../i18n/format';
import { formatPercent } from '../settlements/use-money';
import { progressOf } from './plans.store';
import type { Metric } from './plans.store';
import './PlanProgress.css';

/**
 * One target against its actual: "5 of 10", a bar and the percent. Without a target (no plan set
 * for the month) the actual alone, marked as such: a bar against nothing would read as 100 %.
 */
export function PlanProgress({
  metric,
  actual,
  target,
  isSet,
  size = 'row',
}: {
  metric: Metric;
  actual: number;
  target: number;
  isSet: boolean;
  /** 'card': the home's large figure; 'row': a table cell. */
  size?: 'row' | 'card';
}) {
  const { t, i18n } = useTranslation('plans');
  const lang = i18n.language;
  const a = formatNumber(actual, lang);
  const ratio = progressOf(actual, target);
  const done = isSet && actual >= target;
  const percent = formatPercent(ratio, lang);
  return (
    <div
      className={`plan-progress plan-progress--${size}`}
      data-testid={`progress-${metric}`}
      data-actual={actual}
      data-target={isSet ? target : ''}
      data-done={done || undefined}
    >
      <span className="plan-progress__figure">
        {isSet ? t('of', { actual: a, target: formatNumber(target, lang) }) : a}
      </span>
      {isSet ? (
        <span className="plan-progress__meter">
          <span
            className={done ? 'plan-progress__bar plan-progress__bar--done' : 'plan-progress__bar'}
            role="img"
            aria-label={t('progress_label', {
              metric: t(`metric.${metric}`),
              actual: a,
              target: formatNumber(target, lang),
              percent,
            })}
          >
            <span className="plan-progress__fill" style={{ width: `${Math.min(ratio, 1) * 100}%` }} />
          </span>
          <span className="plan-progress__percent" aria-hidden="true">
            {percent}
          </span>
        </span>
      ) : (
        <span className="plan-progress__none">{t('no_target')}</span>
      )}
    </div>
  );
}
