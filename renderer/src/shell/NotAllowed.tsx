import { useTranslation } from 'react-i18next';
import { PageHeader } from '../components/PageHeader';
import { formatHash, HOME } from './routes';

/** A section this role may not open (hiding its link is cosmetic; the core refuses its commands). */
export function NotAllowed() {
  const { t } = useTranslation(['shell', 'common']);
  return (
    <section className="page" data-testid="not-allowed">
      <PageHeader title={t('not_allowed.title')} />
      <div className="panel panel--warning">
        <p className="panel__text">{t('not_allowed.body')}</p>
        <a className="button" href={formatHash(HOME)}>
          {t('common:actions.go_home')}
        </a>
      </div>
    </section>
  );
}
