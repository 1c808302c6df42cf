import { Fragment, useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type {
  ReportCell,
  ReportColumn,
  ReportKind,
  ReportLabels,
  ReportResult,
  ReportRow,
} from '../../../../shared/contract/reports.schema';
import { reportChart } from '../../../../shared/domain/report-charts';
import type { ReportChartCategory } from '../../../../shared/domain/report-charts';
import { useAppStore, useServices } from '../../app/app-context';
import { ErrorPanel } from '../../components/ErrorPanel';
import { PageHeader } from '../../components/PageHeader';
import { formatDate, formatDateTime, formatMoney, formatNumber } from '../../i18n/format';
import { actionRoute, clientCardRoute, formatHash, visitRoute } from '../../shell/routes';
import { addMonths, formatMonth } from '../actions/action-format';
import { ReportExportButtons } from '../exports/ReportExportButtons';
import { DrillPanel } from './DrillPanel';
import { ReportChart } from './ReportChart';
import { createReportsStore } from './reports.store';
import type { ReportsState } from './reports.store';
import './Reports.css';

// One of the six reports (PRODUCT.md §6): filters, a chart, the table with totals and notes, and
// the records behind any figure. Everything is computed by the core; the screen formats it and
// stays usable while a computation runs (its progress shows, the filters stay live).

type Dyn = (key: string, options?: Record<string, unknown>) => string;

const NUMERIC = new Set<ReportColumn['kind']>(['int', 'money', 'percent', 'decimal']);
/** How far back and ahead the period selects reach from the current month. */
const MONTHS_BACK = 35;
const MONTHS_AHEAD = 6;

export function ReportScreen({
  kind,
  store: given,
  chartSize,
}: {
  kind: ReportKind;
  store?: StoreApi<ReportsState>;
  /** A fixed chart size (tests): a measured container has no size without a layout. */
  chartSize?: { width: number; height: number };
}) {
  const { t, i18n } = useTranslation(['reports', 'common']);
  const { api } = useServices();
  const [store] = useState(() => given ?? createReportsStore(api));
  const today = useAppStore((s) => s.info?.today);
  const timeZone = useAppStore((s) => s.office?.timeZone);
  const s = useStore(store);
  const lang = i18n.language;
  const dyn = t as unknown as Dyn;
  const id = useId();

  useEffect(() => store.getState().connect(), [store]);
  // The office's today, from the core: the default period ends at its month, not this machine's.
  useEffect(() => {
    if (today) void store.getState().open(kind, today.slice(0, 7));
  }, [store, kind, today]);

  const result = s.result && s.result.kind === kind ? s.result : null;
  const chart = useMemo(() => (result ? reportChart(result) : null), [result]);

  const has = (key: string) => i18n.exists(`reports:${key}`);
  const pickLabel = (labels: ReportLabels) => labels[lang as keyof ReportLabels] ?? labels.en;
  const columnName = (c: Pick<ReportColumn, 'key' | 'labels'>) =>
    c.labels ? pickLabel(c.labels) : has(`columns.${c.key}`) ? dyn(`columns.${c.key}`) : c.key;
  const labelOf = (r: { label: string; labelKey: string | null; labels: ReportLabels | null }) =>
    r.labels
      ? pickLabel(r.labels)
      : r.labelKey && has(`labels.${r.labelKey}`)
        ? dyn(`labels.${r.labelKey}`)
        : r.label || r.labelKey || '';
  const columnsByKey = new Map(result?.columns.map((c) => [c.key, c]) ?? []);
  const seriesName = (key: string) => {
    const c = columnsByKey.get(key);
    return c ? columnName(c) : key;
  };

  const title = dyn(`title.${kind}`);
  const period = s.filters
    ? s.filters.from === s.filters.to
      ? formatMonth(s.filters.from, lang)
      : `${formatMonth(s.filters.from, lang)} – ${formatMonth(s.filters.to, lang)}`
    : '';

  const drillHeading = (() => {
    const d = s.drill;
    if (!d) return '';
    const column = seriesName(d.column);
    return d.rowKeys.length === 0 ? t('drill.title_total', { column }) : `${column}: ${d.title}`;
  })();

  const openBar = (c: ReportChartCategory, seriesKey: string) => {
    const series = chart?.series.find((x) => x.key === seriesKey);
    if (series) void store.getState().openDrill(c.rowKeys, series.drillColumn, labelOf(c));
  };
  const canDrillSeries = (seriesKey: string) => {
    const series = chart?.series.find((x) => x.key === seriesKey);
    return !!series && !!columnsByKey.get(series.drillColumn)?.drill;
  };

  const loading = s.status === 'loading';
  return (
    <section className="page reports" data-testid={`report-${kind}`} aria-busy={loading || undefined}>
      <PageHeader title={title} intro={dyn(`intro.${kind}`)} />
      <Filters id={id} state={s} store={store} todayMonth={today?.slice(0, 7) ?? null} />
      <ReportExportButtons kind={kind} filters={s.filters} available={!!result && result.rows.length > 0} />
      {loading && <Progress progress={s.progress} />}
      {s.status === 'failed' && <ErrorPanel error={s.error} onRetry={() => void store.getState().run()} />}
      {result && result.rows.length === 0 && s.status === 'ready' && (
        <p className="empty" data-testid="report-empty">
          {t('empty')}
        </p>
      )}
      {result && result.rows.length > 0 && (
        <div className={loading ? 'reports__result reports__result--stale' : 'reports__result'}>
          {chart && chart.categories.length > 0 && chart.series.length > 0 && (
            <div className="reports__chart-panel">
              <ReportChart
                data={chart}
                title={t('chart.label', { title })}
                currency={result.currency}
                lang={lang}
                seriesName={seriesName}
                categoryName={labelOf}
                drillable={canDrillSeries}
                onBar={openBar}
                {...(chartSize ? { size: chartSize } : {})}
              />
              <p className="reports__hint">{t('chart.hint')}</p>
            </div>
          )}
          <ReportTable
            result={result}
            caption={`${title}, ${period}`}
            rowHeader={dyn(`row_header.${kind}`)}
            columnName={columnName}
            labelOf={labelOf}
            onDrill={(rowKeys, column, rowTitle) =>
              void store.getState().openDrill(rowKeys, column, rowTitle)
            }
          />
          {result.notes.length > 0 && (
            <ul className="reports__notes" data-testid="report-notes">
              {result.notes
                .filter((n) => has(`notes.${n}`))
                .map((n) => (
                  <li key={n}>{dyn(`notes.${n}`)}</li>
                ))}
            </ul>
          )}
          <p
            className="reports__computed"
            data-testid="report-computed"
            data-cached={result.cached || undefined}
          >
            {t('computed_at', {
              time: formatDateTime(result.computedAt, lang, timeZone ?? 'UTC'),
            })}
          </p>
        </div>
      )}
      {s.drill && (
        <DrillPanel drill={s.drill} heading={drillHeading} onClose={() => store.getState().closeDrill()} />
      )}
    </section>
  );
}

function Filters({
  id,
  state,
  store,
  todayMonth,
}: {
  id: string;
  state: ReportsState;
  store: StoreApi<ReportsState>;
  todayMonth: string | null;
}) {
  const { t, i18n } = useTranslation('reports');
  const lang = i18n.language;
  const f = state.filters;
  const scope = state.scope;
  const reps = (scope?.reps ?? []).filter((r) => !f?.teamId || r.teamId === f.teamId);
  const months = useMemo(() => {
    if (!todayMonth) return [];
    const list: string[] = [];
    for (let i = MONTHS_AHEAD; i >= -MONTHS_BACK; i--) list.push(addMonths(todayMonth, i));
    // A period chosen earlier stays selectable even outside the usual range.
    for (const m of [f?.from, f?.to]) if (m && !list.includes(m)) list.push(m);
    return list.sort().reverse();
  }, [todayMonth, f?.from, f?.to]);
  if (!f) return null;
  const monthOptions = months.map((m) => (
    <option key={m} value={m}>
      {formatMonth(m, lang)}
    </option>
  ));
  return (
    <div className="reports-filters" role="search" aria-label={t('filters.label')}>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-team`}>
          {t('filters.team')}
        </label>
        <select
          id={`${id}-team`}
          className="field__input"
          value={f.teamId ?? ''}
          data-testid="report-filter-team"
          onChange={(e) => void store.getState().setTeam(e.target.value || null)}
        >
          <option value="">{t('filters.team_all')}</option>
          {(scope?.teams ?? []).map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-rep`}>
          {t('filters.rep')}
        </label>
        <select
          id={`${id}-rep`}
          className="field__input"
          value={f.repId ?? ''}
          data-testid="report-filter-rep"
          onChange={(e) => void store.getState().setRep(e.target.value || null)}
        >
          <option value="">{t('filters.rep_all')}</option>
          {reps.map((rep) => (
            <option key={rep.id} value={rep.id}>
              {rep.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-from`}>
          {t('filters.from')}
        </label>
        <select
          id={`${id}-from`}
          className="field__input"
          value={f.from}
          data-testid="report-filter-from"
          onChange={(e) => void store.getState().setFrom(e.target.value)}
        >
          {monthOptions}
        </select>
      </div>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-to`}>
          {t('filters.to')}
        </label>
        <select
          id={`${id}-to`}
          className="field__input"
          value={f.to}
          data-testid="report-filter-to"
          onChange={(e) => void store.getState().setTo(e.target.value)}
        >
          {monthOptions}
        </select>
      </div>
    </div>
  );
}

/** The computation under way: a bar from the core's progress events, never a blocking overlay. */
function Progress({ progress }: { progress: ReportsState['progress'] }) {
  const { t, i18n } = useTranslation('reports');
  const known = progress !== null && progress.total > 0;
  const ratio = known ? Math.min(1, Math.max(0, progress.done / progress.total)) : 0;
  const percent = Math.round(ratio * 100);
  return (
    <div className="reports-progress" data-testid="report-progress" role="status">
      <span className="reports-progress__text">{t('progress')}</span>
      <span
        className={known ? 'progress-bar' : 'progress-bar progress-bar--busy'}
        role="progressbar"
        aria-label={t('progress_label')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={known ? percent : undefined}
        aria-valuetext={
          known
            ? formatNumber(ratio, i18n.language, { style: 'percent', maximumFractionDigits: 0 })
            : undefined
        }
      >
        <span className="progress-bar__fill" style={known ? { width: `${percent}%` } : undefined} />
      </span>
    </div>
  );
}

/** A figure as its column's kind says, in the UI's language; null as a dash a screen reader names. */
export function cellText(
  value: ReportCell,
  kind: ReportColumn['kind'],
  currency: string,
  lang: string,
): string | null {
  if (value === null) return null;
  if (typeof value === 'string') {
    if (kind === 'month') return formatMonth(value, lang);
    if (kind === 'date') return formatDate(value, lang);
    return value;
  }
  switch (kind) {
    case 'money':
      return formatMoney(Math.round(value), currency, lang);
    case 'percent':
      return formatNumber(value / 100, lang, { style: 'percent', maximumFractionDigits: 1 });
    case 'decimal':
      return formatNumber(value, lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    case 'int':
      return formatNumber(value, lang, { maximumFractionDigits: 0 });
    default:
      return String(value);
  }
}

function rowRoute(row: ReportRow) {
  if (!row.link) return null;
  if (row.link.entity === 'action') return actionRoute(row.link.id);
  if (row.link.entity === 'visit') return visitRoute(row.link.id);
  if (row.link.entity === 'client') return clientCardRoute(row.link.id);
  return null;
}

function ReportTable({
  result,
  caption,
  rowHeader,
  columnName,
  labelOf,
  onDrill,
}: {
  result: ReportResult;
  caption: string;
  rowHeader: string;
  columnName: (c: ReportColumn) => string;
  labelOf: (r: ReportRow) => string;
  onDrill: (rowKeys: string[], column: string, rowTitle: string) => void;
}) {
  const { t, i18n } = useTranslation('reports');
  const lang = i18n.language;
  const dyn = t as unknown as Dyn;
  const cols = result.columns;
  const grouped = result.rows.some((r) => r.group !== null);

  const cell = (c: ReportColumn, value: ReportCell, rowKeys: string[], rowTitle: string, testId: string) => {
    const num = NUMERIC.has(c.kind);
    const text = cellText(value, c.kind, result.currency, lang);
    // A figure of 0 stands for no records: nothing to open.
    const drillable = c.drill !== null && typeof value === 'number' && value !== 0;
    return (
      <td
        key={c.key}
        className={num ? 'table__num' : c.kind === 'text' ? 'table__text reports__text' : 'reports__plain'}
        data-testid={testId}
        data-value={value ?? undefined}
      >
        {text === null ? (
          <span className="reports__none">
            <span aria-hidden="true">—</span>
            <span className="visually-hidden">{t('no_value')}</span>
          </span>
        ) : drillable ? (
          <button
            type="button"
            className="reports__figure"
            data-testid="report-figure"
            data-column={c.key}
            aria-label={`${text}. ${t('open_figure', { column: columnName(c), row: rowTitle })}`}
            onClick={() => onDrill(rowKeys, c.key, rowTitle)}
          >
            {text}
          </button>
        ) : (
          text
        )}
      </td>
    );
  };

  return (
    <div className="table-wrap">
      <table className="table reports__table" aria-label={caption} data-testid="report-table">
        <thead>
          <tr>
            <th scope="col" className="reports__row-head">
              {rowHeader}
            </th>
            {cols.map((c) => (
              <th
                scope="col"
                key={c.key}
                className={NUMERIC.has(c.kind) ? 'table__num reports__col' : 'reports__col'}
                data-testid={`report-col-${c.key}`}
              >
                {columnName(c)}
                {c.owner && (
                  <span className="table__sub reports__owner" data-owner={c.owner}>
                    {t('owner.label')}: {dyn(`owner.${c.owner}`)}
                  </span>
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {result.rows.map((row, i) => {
            // A group's header goes before its first row.
            const header =
              grouped && row.group !== null && row.group !== (result.rows[i - 1]?.group ?? null) ? (
                <tr className="reports__group" data-testid="report-group" data-group={row.group}>
                  <th scope="colgroup" colSpan={cols.length + 1}>
                    {i18n.exists(`reports:groups.${row.group}`) ? dyn(`groups.${row.group}`) : row.group}
                  </th>
                </tr>
              ) : null;
            const label = labelOf(row);
            const route = rowRoute(row);
            return (
              <Fragment key={row.key}>
                {header}
                <tr data-testid="report-row" data-key={row.key} data-group={row.group ?? undefined}>
                  <th scope="row" className="table__name reports__name">
                    {route ? <a href={formatHash(route)}>{label}</a> : label}
                  </th>
                  {cols.map((c) =>
                    cell(c, row.cells[c.key] ?? null, [row.key], label, `report-cell-${c.key}`),
                  )}
                </tr>
              </Fragment>
            );
          })}
        </tbody>
        <tfoot>
          <tr data-testid="report-total-row">
            <th scope="row">{t('total')}</th>
            {cols.map((c) =>
              // A text or a month has no total; the core leaves it out or null.
              c.kind === 'text' || c.kind === 'month' || c.kind === 'date' ? (
                <td key={c.key} data-testid={`report-total-${c.key}`} />
              ) : (
                cell(c, result.totals[c.key] ?? null, [], t('total'), `report-total-${c.key}`)
              ),
            )}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
