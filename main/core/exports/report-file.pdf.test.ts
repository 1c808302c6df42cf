import { describe, expect, it } from 'vitest';
import type { ReportResult } from '../../../shared/contract/reports.schema';
import type { Job } from '../app/jobs';
import { pdfText } from '../testing/pdf-text';
import { PDF_MAX_ROWS, reportPdf } from './report-file.pdf';
import type { ReportFileModel } from './report-file.service';

// A report far longer than anyone prints (an office-wide effectiveness report at L has 6 000 rows):
// the PDF lays out the first PDF_MAX_ROWS, says so in the file's language, and keeps the totals of
// every row — instead of holding the core for seconds on a layout that cannot be sliced.

const job: Job = {
  progress: () => undefined,
  run: (g) => {
    for (;;) {
      const r = g.next();
      if (r.done) return Promise.resolve(r.value);
    }
  },
  checkpoint: () => undefined,
  seal: () => undefined,
};

function model(rows: number): ReportFileModel {
  const fileRows = Array.from({ length: rows }, (_, i) => ({
    key: `a${i}`,
    label: `Akcja LA/2026/${String(i + 1).padStart(4, '0')}`,
    group: null,
    cells: [i * 100],
  }));
  const result = {
    kind: 'effectiveness',
    filters: { teamId: null, repId: null, from: '2026-06', to: '2026-11' },
    currency: 'PLN',
    columns: [{ key: 'uplift', kind: 'money', labels: null, drill: null, owner: null }],
    rows: fileRows.map((r) => ({
      key: r.key,
      group: null,
      label: r.label,
      labelKey: null,
      labels: null,
      repId: null,
      link: null,
      cells: { uplift: r.cells[0]! },
    })),
    totals: { uplift: fileRows.reduce((s, r) => s + (r.cells[0] as number), 0) },
    computedAt: '2026-11-23T09:00:00.000Z',
    cached: false,
    notes: [],
  } as ReportResult;
  return {
    lang: 'pl',
    kind: 'effectiveness',
    title: 'Skuteczność akcji',
    currency: 'PLN',
    timeZone: 'Europe/Warsaw',
    header: [['Okres', 'czerwiec 2026 – listopad 2026']],
    computed: 'Stan na 23.11.2026, 10:00',
    rowHeader: 'Akcja',
    groupHeader: null,
    columns: [{ key: 'uplift', kind: 'money', name: 'Przyrost', owner: null }],
    rows: fileRows,
    totalLabel: 'Razem',
    totals: [result.totals.uplift!],
    notes: [],
    emptyText: 'Brak danych',
    result,
    t: (key, vars) =>
      key === 'file.pdf_rows_limited'
        ? `Ten PDF pokazuje pierwsze ${vars?.shown} z ${vars?.total} wierszy`
        : key,
    columnName: () => 'Przyrost',
    labelOf: (r) => r.label,
  };
}

describe('a report PDF', () => {
  it('lays out every row of a report of ordinary length', async () => {
    const text = (await pdfText(await reportPdf(model(30), job))).replace(/\s+/g, ' ');
    expect(text).not.toContain('Ten PDF pokazuje');
    expect(text).toContain('LA/2026/0030');
  });

  it(`stops after ${PDF_MAX_ROWS} rows of a longer one, says so, and keeps the totals of all`, async () => {
    const m = model(PDF_MAX_ROWS + 50);
    const text = (await pdfText(await reportPdf(m, job))).replace(/\s+/g, ' ');
    expect(text).toContain(`Ten PDF pokazuje pierwsze ${PDF_MAX_ROWS} z ${PDF_MAX_ROWS + 50} wierszy`);
    expect(text).toContain(`LA/2026/${String(PDF_MAX_ROWS).padStart(4, '0')}`);
    expect(text).not.toContain(`LA/2026/${String(PDF_MAX_ROWS + 1).padStart(4, '0')}`);
    // The totals row: the sum of all 1 050 rows (100 × 0 + … + 100 × 1 049 grosze).
    const total = (100 * (PDF_MAX_ROWS + 49) * (PDF_MAX_ROWS + 50)) / 2 / 100;
    const formatted = new Intl.NumberFormat('pl', { style: 'currency', currency: 'PLN' }).format(total);
    expect(text).toContain(formatted.replace(/\s+/g, ' '));
  }, 60_000);
});
