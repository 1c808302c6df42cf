import type { Office } from '../../../../shared/contract/office.schema';
import { t, useLanguage } from '../../i18n/i18n';
import type { Language } from '../../i18n/i18n';
import './HomeScreen.css';

interface Props {
  office: Office;
  /** The office's calendar date as the core computes it (YYYY-MM-DD). */
  today: string | undefined;
}

/** 'YYYY-MM-DD' read as a calendar day, formatted in UTC so the machine's zone cannot shift it. */
export function formatCalendarDate(iso: string, lang: Language): string {
  const d = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lang, { dateStyle: 'full', timeZone: 'UTC' }).format(d);
}

/** Placeholder home until the client, visit and action screens arrive. */
export function HomeScreen({ office, today }: Props) {
  const lang = useLanguage();
  return (
    <main className="home">
      <section className="card home__card" aria-labelledby="home-title">
        <p className="home__eyebrow">{t('home.office')}</p>
        <h1 className="home__title" id="home-title" data-testid="office-name">
          {office.name}
        </h1>
        <dl className="facts">
          <div className="facts__item facts__item--wide">
            <dt>{t('home.today')}</dt>
            <dd>
              {today && (
                <time dateTime={today} data-testid="today">
                  {formatCalendarDate(today, lang)}
                </time>
              )}
            </dd>
          </div>
          <div className="facts__item">
            <dt>{t('home.code')}</dt>
            <dd>{office.code}</dd>
          </div>
          <div className="facts__item">
            <dt>{t('home.currency')}</dt>
            <dd>{office.currency}</dd>
          </div>
          <div className="facts__item">
            <dt>{t('home.time_zone')}</dt>
            <dd>{office.timeZone.replace('_', ' ')}</dd>
          </div>
        </dl>
        <p className="home__placeholder">{t('home.placeholder')}</p>
      </section>
    </main>
  );
}
