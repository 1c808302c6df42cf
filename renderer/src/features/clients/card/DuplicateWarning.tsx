import { useEffect, useRef } from 'react';
import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { DuplicateReason, DuplicateSuspect } from '../../../../../shared/contract/clients.schema';
import { formatNumber } from '../../../i18n/format';
import { clientCardRoute, formatHash } from '../../../shell/routes';
import { displayTaxId } from '../phone-format';
import type { DisplayCountry } from '../phone-format';
import './DuplicateWarning.css';

export interface DuplicateWarningProps {
  suspects: readonly DuplicateSuspect[];
  /** The country of the client being entered: how the suspects' tax IDs are shown. */
  country: DisplayCountry;
  /** The heading, for the form to focus when a new warning appears (not when it shows again). */
  headingRef?: RefObject<HTMLHeadingElement | null>;
}

/**
 * The clients the one being entered may duplicate, each with a link to its card and why it is
 * suspected. Shown inside the client form before saving; its heading takes the focus when it
 * appears, so a screen reader reads it. The form's submit button then saves anyway.
 */
export function DuplicateWarning({ suspects, country, headingRef }: DuplicateWarningProps) {
  const { t, i18n } = useTranslation(['clientCard', 'clients']);
  const ownRef = useRef<HTMLHeadingElement>(null);
  const heading = headingRef ?? ownRef;

  // The heading holds the focus after the warning appears: Enter there still submits the form
  // (which now saves anyway), as it does from any field.
  useEffect(() => {
    const h = heading.current;
    if (!h) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Enter' || e.ctrlKey || e.altKey || e.metaKey || e.shiftKey) return;
      e.preventDefault();
      h.closest('form')?.requestSubmit();
    };
    h.addEventListener('keydown', onKey);
    return () => h.removeEventListener('keydown', onKey);
  }, [heading]);

  const reason = (r: DuplicateReason, score: number) =>
    r === 'name_address'
      ? t('duplicates.reason.name_address', {
          percent: formatNumber(score, i18n.language, { style: 'percent', maximumFractionDigits: 0 }),
        })
      : t(`duplicates.reason.${r}`);

  return (
    <div className="duplicate-warning" role="alert" data-testid="duplicate-warning">
      <h3 className="duplicate-warning__title" ref={heading} tabIndex={-1}>
        {t('duplicates.title')}
      </h3>
      <p className="duplicate-warning__intro">{t('duplicates.intro')}</p>
      <ul className="duplicate-warning__list" aria-label={t('duplicates.suspects')}>
        {suspects.map((s) => {
          const address = [s.street, s.city].filter((p) => p.trim()).join(', ');
          return (
            <li
              key={s.clientId}
              className="duplicate-warning__suspect"
              data-testid="duplicate-suspect"
              data-client-id={s.clientId}
            >
              <a
                className="duplicate-warning__name"
                href={formatHash(clientCardRoute(s.clientId))}
                title={t('duplicates.open_hint', { name: s.name })}
                data-testid="duplicate-suspect-link"
              >
                {s.name}
              </a>
              <span className="duplicate-warning__meta" title={address || undefined}>
                {address || t('duplicates.no_address')}
              </span>
              {s.taxId && (
                <span className="duplicate-warning__meta">
                  {t('clients:fields.taxId')}: {displayTaxId(s.taxId, country)}
                </span>
              )}
              <ul className="duplicate-warning__reasons">
                {s.reasons.map((r) => (
                  <li key={r} className="duplicate-warning__reason" data-reason={r}>
                    {reason(r, s.score)}
                  </li>
                ))}
              </ul>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
