import { overrideRate, type Tally } from '@/lib/audit/stats';

const percent = (r: number | null) => (r === null ? 'no comparable decisions' : `${Math.round(r * 100)}%`);

export function rateText(t: Tally): string {
  return `${percent(overrideRate(t))} (${t.overrides} of ${t.comparable})`;
}

/**
 * Horizontal bars of override rate, each with its label and value as text: the numbers are
 * readable without the bars, and the bars without colour.
 */
export function RateChart({ title, rows }: { title: string; rows: { key: string; tally: Tally }[] }) {
  const rowHeight = 28;
  const labelWidth = 260;
  const barWidth = 320;
  const height = Math.max(rows.length, 1) * rowHeight + 8;
  const id = `chart-${title.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <figure className="overflow-x-auto">
      <figcaption id={id} className="mb-2 font-medium">
        {title}
      </figcaption>
      <svg role="img" aria-labelledby={id} width={labelWidth + barWidth + 200} height={height} className="text-slate-900 dark:text-slate-100">
        {rows.length === 0 ? (
          <text x={0} y={20} fill="currentColor" fontSize={13}>
            No decisions in this period.
          </text>
        ) : null}
        {rows.map(({ key, tally }, i) => {
          const y = i * rowHeight + 4;
          const rate = overrideRate(tally) ?? 0;
          return (
            <g key={key}>
              <text x={0} y={y + 16} fill="currentColor" fontSize={13}>
                {key.length > 36 ? `${key.slice(0, 35)}…` : key}
              </text>
              <rect x={labelWidth} y={y + 4} width={barWidth} height={16} className="fill-slate-200 dark:fill-slate-700" />
              <rect x={labelWidth} y={y + 4} width={Math.round(rate * barWidth)} height={16} className="fill-indigo-700 dark:fill-indigo-400" />
              <text x={labelWidth + barWidth + 8} y={y + 16} fill="currentColor" fontSize={13}>
                {rateText(tally)}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
