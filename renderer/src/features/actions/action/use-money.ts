import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../../app/app-context';
import { moneyInputText, moneyText } from '../action-format';

/** Money of the office in the UI's language: shown, and put back into an input as people type it. */
export function useMoney() {
  const { i18n } = useTranslation();
  const currency = useAppStore((s) => s.office?.currency ?? null);
  const lang = i18n.language;
  return {
    lang,
    currency: currency ?? '',
    money: (minor: number) => moneyText(minor, currency, lang),
    input: (minor: number) => moneyInputText(minor, lang),
  };
}
