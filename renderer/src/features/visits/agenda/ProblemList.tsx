import { useTranslation } from 'react-i18next';
import { errorText, issueText } from '../../../i18n/error-text';
import type { VisitProblem } from './visit-errors';

/**
 * A refused visit save, above the form: the core's message, then each missing item of the minimal
 * data set, each open mandatory task, and any issue no field shows.
 */
export function ProblemList({ error, problem }: { error: unknown; problem: VisitProblem }) {
  const { t, i18n } = useTranslation('visits');
  return (
    <div className="form__alert visits-problem" role="alert" data-testid="visit-error">
      <p className="visits-problem__text">{errorText(i18n, error)}</p>
      {problem.missing.length > 0 && (
        <>
          <p className="visits-problem__text">{t('minimal.title')}</p>
          <ul className="visits-problem__list">
            {problem.missing.map((m) => (
              <li key={m} data-missing={m}>
                {t(`minimal.${m}`)}
              </li>
            ))}
          </ul>
        </>
      )}
      {problem.openTasks.length > 0 && (
        <>
          <p className="visits-problem__text">{t('visit.open_tasks')}</p>
          <ul className="visits-problem__list">
            {problem.openTasks.map((task) => (
              <li key={task.id} data-task-id={task.id}>
                {task.title}
              </li>
            ))}
          </ul>
        </>
      )}
      {problem.stray.length > 0 && (
        <ul className="visits-problem__list">
          {problem.stray.map((issue, i) => (
            <li key={i}>{issueText(i18n, issue)}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
