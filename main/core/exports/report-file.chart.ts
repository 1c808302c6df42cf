import type { ValueKind } from '../../../shared/contract/reports.schema';
import type { ReportChartCategory, ReportChartData } from '../../../shared/domain/report-charts';
import { seriesColour, TICK_CHARS, truncate } from '../../../shared/domain/report-charts';

// The report's chart for its PDF: the data shaped by reportChart() — the same bars the screen's
// recharts chart draws — written as an SVG that pdfmake (svg-to-pdfkit) renders as vectors. Text in
// it is set in the document's Noto Sans (font-family "Noto": pdfmake resolves it to the shipped
// font), so Polish and Czech names print right and stay selectable and searchable.

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A figure on the value axis, short as the screen's (compact money). */
export function axisText(value: number, unit: ValueKind, currency: string, lang: string): string {
  if (unit === 'money')
    return new Intl.NumberFormat(lang, {
      style: 'currency',
      currency,
      notation: 'compact',
      maximumFractionDigits: 1,
    }).format(value / 100);
  if (unit === 'percent')
    return new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 }).format(value / 100);
  return new Intl.NumberFormat(lang, { maximumFractionDigits: unit === 'decimal' ? 2 : 0 }).format(value);
}

/** A step of 1, 2 or 5 × 10ⁿ giving about `count` intervals over `span`. */
function niceStep(span: number, count: number, whole: boolean): number {
  const raw = span / count;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((k) => k * pow).find((s) => s >= raw) ?? 10 * pow;
  return whole ? Math.max(1, Math.round(step)) : step;
}

export interface ChartOptions {
  width: number;
  lang: string;
  currency: string;
  seriesName: (key: string) => string;
  categoryName: (c: ReportChartCategory) => string;
}

const FONT = 'font-family="Noto"';
const PLOT_H = 170;
const AXIS_W = 64;
const LEGEND_FONT = 8;
const LEGEND_ROW = 14;

/**
 * The chart as an SVG document (`width` points wide), or null when it has nothing to draw. Series
 * sharing a `stack` are stacked in one bar (negative parts downwards); the others stand beside it.
 */
export function chartSvg(data: ReportChartData, o: ChartOptions): string | null {
  const cats = data.categories;
  if (cats.length === 0 || data.series.length === 0) return null;

  // Bars: one per stack, one per unstacked series.
  const groups: string[] = [];
  const groupOf = new Map<string, number>();
  for (const s of data.series) {
    const g = s.stack ?? `series:${s.key}`;
    if (!groups.includes(g)) groups.push(g);
    groupOf.set(s.key, groups.indexOf(g));
  }

  let max = 0;
  let min = 0;
  for (const c of cats) {
    const pos = groups.map(() => 0);
    const neg = groups.map(() => 0);
    for (const s of data.series) {
      const v = c.values[s.key] ?? 0;
      const g = groupOf.get(s.key)!;
      if (v >= 0) pos[g]! += v;
      else neg[g]! += v;
    }
    max = Math.max(max, ...pos);
    min = Math.min(min, ...neg);
  }
  if (max === min) max = min + 1;
  const whole = data.unit === 'int';
  const step = niceStep(max - min, 4, whole);
  const top = Math.ceil(max / step) * step;
  const bottom = Math.floor(min / step) * step;
  const ticks: number[] = [];
  for (let v = bottom; v <= top + step / 2; v += step) ticks.push(Math.abs(v) < step / 1e6 ? 0 : v);

  const names = cats.map((c) => o.categoryName(c));
  const longest = Math.max(0, ...names.map((n) => Math.min(TICK_CHARS, n.length)));
  const slanted = cats.length > 6 || (cats.length > 3 && longest > 12);
  const catFont = cats.length > 40 ? 5 : cats.length > 20 ? 6 : 7.5;
  const labelsH = slanted ? Math.min(TICK_CHARS, longest) * catFont * 0.45 + 12 : 16;

  // The legend: swatch and name, wrapped into rows the width of the chart.
  const legend: Array<{ x: number; row: number; key: string; name: string; colour: string }> = [];
  let lx = AXIS_W;
  let row = 0;
  data.series.forEach((s, i) => {
    const name = o.seriesName(s.key);
    const w = 14 + name.length * LEGEND_FONT * 0.55 + 14;
    if (lx + w > o.width && lx > AXIS_W) {
      row++;
      lx = AXIS_W;
    }
    legend.push({ x: lx, row, key: s.key, name, colour: seriesColour(s.key, i) });
    lx += w;
  });

  const plotTop = 6;
  const plotLeft = AXIS_W;
  const plotW = o.width - AXIS_W - 6;
  const plotBottom = plotTop + PLOT_H;
  const legendTop = plotBottom + labelsH + 8;
  const height = Math.ceil(legendTop + (row + 1) * LEGEND_ROW);
  const y = (v: number) => plotTop + ((top - v) / (top - bottom)) * PLOT_H;
  const band = plotW / cats.length;
  const barW = Math.min(48, (band * 0.72) / groups.length);
  const f = (n: number) => Number(n.toFixed(2));

  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${o.width}" height="${height}" viewBox="0 0 ${o.width} ${height}">`,
  ];
  // Grid and value axis.
  for (const v of ticks) {
    const ty = f(y(v));
    out.push(
      `<line x1="${plotLeft}" y1="${ty}" x2="${plotLeft + plotW}" y2="${ty}" stroke="${v === 0 ? '#64748b' : '#e2e8f0'}" stroke-width="${v === 0 ? 0.8 : 0.5}"/>`,
      `<text x="${plotLeft - 4}" y="${f(ty + 2.5)}" text-anchor="end" ${FONT} font-size="7" fill="#1c2430">${esc(axisText(v, data.unit, o.currency, o.lang))}</text>`,
    );
  }
  // Bars.
  cats.forEach((c, ci) => {
    const x0 = plotLeft + ci * band + (band - barW * groups.length) / 2;
    const up = groups.map(() => 0);
    const down = groups.map(() => 0);
    data.series.forEach((s, si) => {
      const v = c.values[s.key] ?? 0;
      if (v === 0) return;
      const g = groupOf.get(s.key)!;
      const from = v > 0 ? up[g]! : down[g]!;
      const to = from + v;
      if (v > 0) up[g] = to;
      else down[g] = to;
      const y1 = y(Math.max(from, to));
      const h = Math.max(0.3, y(Math.min(from, to)) - y1);
      out.push(
        `<rect x="${f(x0 + g * barW)}" y="${f(y1)}" width="${f(barW * 0.94)}" height="${f(h)}" fill="${seriesColour(s.key, si)}"/>`,
      );
    });
    // Its name under it, cut with an ellipsis (the table names it whole).
    const cx = f(plotLeft + ci * band + band / 2);
    const ly = plotBottom + (slanted ? 6 : 10);
    const label = esc(truncate(names[ci]!));
    out.push(
      slanted
        ? `<text x="${cx}" y="${ly}" text-anchor="end" transform="rotate(-40 ${cx} ${ly})" ${FONT} font-size="${catFont}" fill="#1c2430">${label}</text>`
        : `<text x="${cx}" y="${ly}" text-anchor="middle" ${FONT} font-size="${catFont}" fill="#1c2430">${label}</text>`,
    );
  });
  out.push(
    `<line x1="${plotLeft}" y1="${plotTop}" x2="${plotLeft}" y2="${plotBottom}" stroke="#64748b" stroke-width="0.8"/>`,
  );
  for (const l of legend) {
    const ly = legendTop + l.row * LEGEND_ROW;
    out.push(
      `<rect x="${f(l.x)}" y="${ly}" width="9" height="9" fill="${l.colour}" stroke="#64748b" stroke-width="0.3"/>`,
      `<text x="${f(l.x + 13)}" y="${ly + 8}" ${FONT} font-size="${LEGEND_FONT}" fill="#1c2430">${esc(l.name)}</text>`,
    );
  }
  out.push('</svg>');
  return out.join('');
}
