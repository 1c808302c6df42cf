import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import { REPORT_FILE_FORMATS } from '../../../../shared/contract/exports.schema';
import type { ReportFileFormat } from '../../../../shared/contract/exports.schema';
import type { ReportFilters, ReportKind } from '../../../../shared/contract/reports.schema';
import type { ExportJobState } from './export-job.store';
import { ExportProgress, useExportJob } from './ExportProgress';

/** File formats are called by their own names in every language. */
const FORMAT_NAME: Record<ReportFileFormat, string> = { xlsx: 'XLSX', csv: 'CSV', pdf: 'PDF' };

/** What a format button does: the report of this kind for these filters, as a file in that format. */
export function exportReport(
  store: StoreApi<ExportJobState>,
  kind: ReportKind,
  filters: ReportFilters,
  format: ReportFileFormat,
  label: string,
) {
  return store.getState().start('exports:report', { kind, filters, format }, label);
}

/**
 * The report as a file (issue 9 must-have 3): XLSX, CSV or PDF of the report on screen, for the
 * filters chosen now. The core computes the file itself (with its header of filters and, in the PDF,
 * the chart), so the file matches the filters even while the screen's own figures are recomputing.
 */
export function ReportExportButtons({
  kind,
  filters,
  available,
  store: given,
}: {
  kind: ReportKind;
  filters: ReportFilters | null;
  /** There is something to export: a result for these filters with rows. */
  available: boolean;
  store?: StoreApi<ExportJobState>;
}) {
  const { t } = useTranslation('exports');
  const store = useExportJob(given);
  const status = useStore(store, (s) => s.status);
  const labelId = useId();
  const running = status === 'running';
  // A running export keeps its progress and Cancel even if the result on screen goes away.
  if (!filters || (!available && status === 'idle')) return null;

  const run = (format: ReportFileFormat) =>
    void exportReport(store, kind, filters, format, FORMAT_NAME[format]);

  return (
    <div className="report-export" data-testid="report-export">
      {available && (
        <div
          className="report-export__group"
          role="group"
          aria-labelledby={labelId}
          aria-busy={running || undefined}
        >
          <span className="report-export__label" id={labelId}>
            {t('report.group')}
          </span>
          {REPORT_FILE_FORMATS.map((format) => (
            <button
              key={format}
              type="button"
              className="button button--small"
              data-testid={`report-export-${format}`}
              title={t('report.as', { format: FORMAT_NAME[format] })}
              disabled={running}
              onClick={() => run(format)}
            >
              {FORMAT_NAME[format]}
            </button>
          ))}
        </div>
      )}
      <ExportProgress store={store} />
    </div>
  );
}
