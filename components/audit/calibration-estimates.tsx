import { FigureTile } from '@/components/ui/facts';
import { Table, TableHead, Td } from '@/components/ui/table';
import type { CalibrationRow } from '@/lib/calibration/estimates';
import { estimateText, MIN_SAMPLE_FOR_ESTIMATE } from '@/lib/calibration/wilson';

/** The SPEC §11 estimates: each with its 95% interval and sample size, never a bare percentage. */
export function CalibrationEstimates({ overall, byMonth }: { overall: CalibrationRow; byMonth: CalibrationRow[] }) {
  return (
    <section className="space-y-3" aria-labelledby="calibration-heading">
      <h2 id="calibration-heading" className="text-lg font-semibold">
        How often the machine is wrong
      </h2>
      <p className="text-sm">
        False accepts: of the automated passes drawn for QA that a reviewer judged, the share they disagreed with. False rejects: of the automated fails a
        reviewer decided, the share they passed. Each with a 95% Wilson interval; under {MIN_SAMPLE_FOR_ESTIMATE} judged documents only the counts are shown.
      </p>
      <dl className="grid gap-4 sm:grid-cols-3" aria-label="Estimates for the period">
        {(
          [
            ['Drawn for QA', String(overall.sampled)],
            ['False-accept rate of automated passes', estimateText(overall.falseAccept)],
            ['False-reject rate of automated fails', estimateText(overall.falseReject)],
          ] as const
        ).map(([term, value]) => (
          <FigureTile key={term} term={term} value={value} large={false} />
        ))}
      </dl>
      <Table aria-label="Estimates per month">
        <TableHead columns={['Month (UTC)', 'Drawn for QA', 'QA verdicts', 'False-accept rate', 'Automated fails decided', 'False-reject rate']} />
        <tbody>
          {byMonth.map((m) => (
            <tr key={m.key}>
              <Td>{m.key}</Td>
              <Td>{m.sampled}</Td>
              <Td>{m.falseAccept.n}</Td>
              <Td>{estimateText(m.falseAccept)}</Td>
              <Td>{m.falseReject.n}</Td>
              <Td>{estimateText(m.falseReject)}</Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </section>
  );
}
