import { useTranslation } from 'react-i18next';

interface Props {
  field: string;
  /** What is being corrected, read after the visible text ("Phones of Jan Nowak"). */
  what: string;
  onClick: () => void;
  /** Say the field in the visible text too (where no label stands beside the button). */
  full?: boolean;
}

/** "Report a correction" beside a field a rep sees read-only; the field goes with it to the dialog. */
export function CorrectionButton({ field, what, onClick, full }: Props) {
  const { t } = useTranslation('clientCard');
  return (
    <button
      type="button"
      className="button button--small button--ghost client-card__correct"
      onClick={onClick}
      title={t('actions.report_field', { field: what })}
      data-testid="correction-open"
      data-field={field}
    >
      {full ? (
        t('actions.report_field', { field: what })
      ) : (
        <>
          {t('actions.report')}
          <span className="visually-hidden"> {what}</span>
        </>
      )}
    </button>
  );
}
