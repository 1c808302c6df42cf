import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Rectangle,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { BarShapeProps, XAxisTickContentProps } from 'recharts';
import type { ValueKind } from '../../../../shared/contract/reports.schema';
import type { ReportChartCategory, ReportChartData } from '../../../../shared/domain/report-charts';
import { seriesColour, truncate } from '../../../../shared/domain/report-charts';
import { formatMoney, formatNumber } from '../../i18n/format';

// One report's chart. The data is shaped by the pure reportChart(); this only draws it: axes in the
// office currency (or percent, or whole numbers) in the UI's language, the series named in the
// legend, a tooltip with the full figures and the full name, and a bar that opens its records.

interface Props {
  data: ReportChartData;
  title: string;
  currency: string;
  lang: string;
  seriesName: (key: string) => string;
  categoryName: (category: ReportChartCategory) => string;
  /** Whether a series' bars open records (a column without records, such as "available", does not). */
  drillable: (seriesKey: string) => boolean;
  onBar: (category: ReportChartCategory, seriesKey: string) => void;
  /** A fixed size instead of the container's (tests, exports). */
  size?: { width: number; height: number };
}

const HEIGHT = 360;

/** A figure on the value axis: short (compact money), so the axis stays narrow. */
export function axisText(value: number, unit: ValueKind, currency: string, lang: string): string {
  if (unit === 'money')
    return formatNumber(value / 100, lang, {
      style: 'currency',
      currency,
      notation: 'compact',
      maximumFractionDigits: 1,
    });
  if (unit === 'percent')
    return formatNumber(value / 100, lang, { style: 'percent', maximumFractionDigits: 0 });
  return formatNumber(value, lang, { maximumFractionDigits: unit === 'decimal' ? 2 : 0 });
}

/** A figure in the tooltip: exact (money to the grosz). */
export function fullText(value: number, unit: ValueKind, currency: string, lang: string): string {
  if (unit === 'money') return formatMoney(Math.round(value), currency, lang);
  if (unit === 'percent')
    return formatNumber(value / 100, lang, { style: 'percent', maximumFractionDigits: 1 });
  return formatNumber(value, lang, { maximumFractionDigits: unit === 'decimal' ? 2 : 0 });
}

const LABEL = '__label';
const KEY = '__key';

export function ReportChart({
  data,
  title,
  currency,
  lang,
  seriesName,
  categoryName,
  drillable,
  onBar,
  size,
}: Props) {
  const rows = data.categories.map((c) => ({ [LABEL]: categoryName(c), [KEY]: c.key, ...c.values }));
  // Many bars or long names: slant the names so each keeps its own room.
  const longest = Math.max(0, ...rows.map((r) => String(r[LABEL]).length));
  const slanted = rows.length > 6 || (rows.length > 3 && longest > 12);
  const colour = seriesColour;
  // The legend and the tooltip list the series in the report's order, not alphabetically.
  const order = new Map(data.series.map((s, i) => [s.key, i]));
  const rank = (item: { dataKey?: unknown }) => order.get(String(item.dataKey)) ?? order.size;

  const tick = ({ x, y, payload }: XAxisTickContentProps) => {
    const full = String(payload.value);
    return (
      <g transform={`translate(${x},${y})`}>
        <title>{full}</title>
        <text
          dy={slanted ? 4 : 14}
          textAnchor={slanted ? 'end' : 'middle'}
          transform={slanted ? 'rotate(-35)' : undefined}
          fill="#1c2430"
          fontSize={12}
        >
          {truncate(full)}
        </text>
      </g>
    );
  };

  const chart = (
    <BarChart
      data={rows}
      margin={{ top: 8, right: 16, bottom: 8, left: 8 }}
      accessibilityLayer
      {...(size ?? {})}
    >
      <CartesianGrid strokeDasharray="3 3" vertical={false} />
      <XAxis dataKey={LABEL} interval={0} tick={tick} height={slanted ? 96 : 36} />
      <YAxis
        width={88}
        allowDecimals={data.unit !== 'int'}
        tickFormatter={(v: number) => axisText(v, data.unit, currency, lang)}
        tick={{ fill: '#1c2430', fontSize: 12 }}
      />
      <Tooltip
        formatter={(value) =>
          typeof value === 'number' ? fullText(value, data.unit, currency, lang) : String(value)
        }
        cursor={{ fill: 'rgb(29 78 216 / 6%)' }}
        itemSorter={rank}
        // Series colours (a pale "available") are too light for text: the swatch carries the colour.
        itemStyle={{ color: '#1c2430' }}
      />
      <Legend
        wrapperStyle={{ fontSize: 13 }}
        itemSorter={rank}
        formatter={(value: string) => (
          <span className="reports-chart__legend" style={{ color: 'var(--text, #1c2430)' }}>
            {value}
          </span>
        )}
      />
      {data.series.map((s, i) => {
        const canDrill = drillable(s.key);
        return (
          <Bar
            key={s.key}
            dataKey={s.key}
            name={seriesName(s.key)}
            fill={colour(s.key, i)}
            isAnimationActive={false}
            {...(s.stack ? { stackId: s.stack } : {})}
            shape={(p: BarShapeProps) => (
              <g
                data-testid="report-chart-bar"
                data-series={s.key}
                data-category={
                  (p.payload as Record<string, unknown> | undefined)?.[KEY] as string | undefined
                }
                className={canDrill ? 'reports-chart__bar reports-chart__bar--drill' : 'reports-chart__bar'}
              >
                <Rectangle {...p} />
              </g>
            )}
            onClick={(_, index) => {
              const category = data.categories[index];
              if (category && canDrill) onBar(category, s.key);
            }}
          />
        );
      })}
    </BarChart>
  );

  return (
    <figure
      className="reports-chart"
      aria-label={title}
      data-testid="report-chart"
      data-categories={data.categories.length}
      data-series={data.series.map((s) => s.key).join(' ')}
    >
      {size ? (
        chart
      ) : (
        <ResponsiveContainer width="100%" height={HEIGHT} initialDimension={{ width: 800, height: HEIGHT }}>
          {chart}
        </ResponsiveContainer>
      )}
    </figure>
  );
}
