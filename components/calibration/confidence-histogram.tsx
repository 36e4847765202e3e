import { Table, TableHead, Td } from '@/components/ui/table';
import type { CandidateThresholds, HistogramBin } from '@/lib/calibration/what-if';

const WIDTH = 640;
const HEIGHT = 220;
const LEFT = 40;
const BOTTOM = 30;

/**
 * Liveness confidence of the documents humans judged, passed and failed side by side per bin,
 * with the candidate thresholds marked. The failed bars are hatched as well as coloured, and the
 * table below carries every number, so nothing depends on colour or on seeing the chart.
 */
export function ConfidenceHistogram({ bins, thresholds }: { bins: HistogramBin[]; thresholds: CandidateThresholds }) {
  const max = Math.max(1, ...bins.flatMap((b) => [b.humanPass, b.humanFail]));
  const plotW = WIDTH - LEFT - 10;
  const plotH = HEIGHT - BOTTOM - 10;
  const binW = plotW / bins.length;
  const x = (confidence: number) => LEFT + (confidence / 100) * plotW;
  const h = (n: number) => (n / max) * plotH;
  const total = bins.reduce((n, b) => n + b.humanPass + b.humanFail, 0);
  return (
    <figure className="space-y-3">
      <figcaption id="histogram-title" className="font-medium">
        Liveness confidence by human verdict
      </figcaption>
      <p id="histogram-summary" className="text-sm">
        {total === 0
          ? 'No judged document has a confidence yet.'
          : `${total} judged documents in bins of ${bins[0]!.to - bins[0]!.from} points; pass threshold ${thresholds.pass}, fail threshold ${thresholds.fail}. The table below lists every bin.`}
      </p>
      <div className="flex gap-4 text-sm" aria-hidden>
        <span className="flex items-center gap-1">
          <span className="inline-block size-3 bg-emerald-700 dark:bg-emerald-400" /> Human passed
        </span>
        <span className="flex items-center gap-1">
          <span className="inline-block size-3 border border-red-800 bg-red-200 dark:border-red-300 dark:bg-red-900" /> Human failed (hatched)
        </span>
      </div>
      <div className="overflow-x-auto">
        <svg
          role="img"
          aria-labelledby="histogram-title"
          aria-describedby="histogram-summary"
          width={WIDTH}
          height={HEIGHT}
          className="text-slate-900 dark:text-slate-100"
        >
          <defs>
            <pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
              <rect width="6" height="6" className="fill-red-200 dark:fill-red-900" />
              <line x1="0" y1="0" x2="0" y2="6" stroke="currentColor" strokeWidth="2" className="text-red-800 dark:text-red-300" />
            </pattern>
          </defs>
          <line x1={LEFT} y1={HEIGHT - BOTTOM} x2={WIDTH - 10} y2={HEIGHT - BOTTOM} stroke="currentColor" />
          {bins.map((b, i) => {
            const bx = LEFT + i * binW;
            return (
              <g key={b.from}>
                <rect
                  x={bx + 1}
                  y={HEIGHT - BOTTOM - h(b.humanPass)}
                  width={binW / 2 - 1}
                  height={h(b.humanPass)}
                  className="fill-emerald-700 dark:fill-emerald-400"
                />
                <rect x={bx + binW / 2} y={HEIGHT - BOTTOM - h(b.humanFail)} width={binW / 2 - 1} height={h(b.humanFail)} fill="url(#hatch)" />
                {i % 4 === 0 ? (
                  <text x={bx} y={HEIGHT - 12} fill="currentColor" fontSize={11}>
                    {b.from}
                  </text>
                ) : null}
              </g>
            );
          })}
          <text x={WIDTH - 34} y={HEIGHT - 12} fill="currentColor" fontSize={11}>
            100
          </text>
          <text x={0} y={16} fill="currentColor" fontSize={11}>
            {max}
          </text>
          {[
            { label: `fail ${thresholds.fail}`, at: thresholds.fail, dy: 12 },
            { label: `pass ${thresholds.pass}`, at: thresholds.pass, dy: 26 },
          ].map((line) => (
            <g key={line.label}>
              <line x1={x(line.at)} y1={4} x2={x(line.at)} y2={HEIGHT - BOTTOM} stroke="currentColor" strokeDasharray="4 3" />
              <text x={Math.min(x(line.at) + 3, WIDTH - 60)} y={line.dy} fill="currentColor" fontSize={11}>
                {line.label}
              </text>
            </g>
          ))}
        </svg>
      </div>
      <Table aria-label="Confidence by human verdict">
        <TableHead columns={['Confidence', 'Human passed', 'Human failed']} />
        <tbody>
          {bins.map((b) => (
            <tr key={b.from}>
              <Td>
                {b.from}–{b.to === 100 ? '100' : `${b.to} (excl.)`}
              </Td>
              <Td>{b.humanPass}</Td>
              <Td>{b.humanFail}</Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </figure>
  );
}
