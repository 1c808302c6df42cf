import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../app/app-context';
import { formatNumber } from '../../i18n/format';
import { moneyText } from '../actions/action-format';

/**
 * Minor units in the office currency and the UI's language. Before the office is known (a first
 * paint) the amount shows as a plain number with two decimals rather than in a guessed currency.
 */
export function useMoney(): (minor: number) => string {
  const { i18n } = useTranslation();
  const currency = useAppStore((s) => s.office?.currency);
  const lang = i18n.language;
  return (minor) => moneyText(minor, currency, lang);
}

/**
 * 0.934 → '93 %' in the UI's language. Whole percents rounded down, so a budget 89.6 % used never
 * reads "90 %" next to the 90 % warning it has not reached.
 */
export function formatPercent(ratio: number, lang: string): string {
  return formatNumber(Math.floor(ratio * 100 + 1e-9) / 100, lang, {
    style: 'percent',
    maximumFractionDigits: 0,
  });
}
