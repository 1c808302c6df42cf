import { useTranslation } from 'react-i18next';

interface Props {
  field: string;
  /** What is being corrected, named by the button's label ("Phones – Jan Nowak"). */
  what: string;
  onClick: () => void;
  /** Say the field in the visible text too (where no label stands beside the button). */
  full?: boolean;
}

/**
 * "Report a correction" on a field a rep sees read-only; the field goes with it to the dialog.
 * Beside a labelled value it is a small pencil button with a short word, in the tile's corner.
 */
export function CorrectionButton({ field, what, onClick, full }: Props) {
  const { t } = useTranslation('clientCard');
  const label = t('actions.report_field', { field: what });
  return (
    <button
      type="button"
      className={full ? 'button button--small client-card__correct' : 'button button--small correct-button'}
      onClick={onClick}
      title={label}
      data-testid="correction-open"
      data-field={field}
    >
      <svg
        className="correct-button__icon"
        viewBox="0 0 16 16"
        width="14"
        height="14"
        aria-hidden="true"
        focusable="false"
      >
        <path
          d="M10.5 2.5l3 3L6 13H3v-3l7.5-7.5zM9 4l3 3"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.5"
          strokeLinejoin="round"
        />
      </svg>
      {full ? (
        label
      ) : (
        // The accessible name starts with the visible word ("Correct… Phone"), so voice control
        // can click what it sees and a screen reader still hears which field.
        <>
          {t('actions.report')}
          <span className="visually-hidden"> {what}</span>
        </>
      )}
    </button>
  );
}
