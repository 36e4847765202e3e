import { Table, TableHead, Td } from '@/components/ui/table';
import type { DueMonth } from '@/lib/case-work/due';
import { durationText } from '@/lib/format';

const share = (part: number, whole: number) => `${Math.round((100 * part) / whole)}% (${part} of ${whole})`;

/** `/audit/stats`'s due-time figures: per month of decision, how many kept their due time and how long decisions took. */
export function DueTimes({ months, slaHours }: { months: DueMonth[]; slaHours: number }) {
  return (
    <section className="space-y-2" aria-labelledby="due-times-heading">
      <h2 id="due-times-heading" className="text-lg font-semibold">
        Due times
      </h2>
      <p className="text-sm">
        {`A document is due ${slaHours} h after it entered the review queue (REVIEW_SLA_HOURS). Each document counts once, with its latest decision made in this console.`}
      </p>
      {months.length === 0 ? (
        <p className="text-sm">No decision in this period has a time in the queue to measure.</p>
      ) : (
        <Table aria-label="Due times by month">
          <TableHead columns={['Month', 'Decided within due time', 'Median time to decision', 'p90 time to decision']} />
          <tbody>
            {months.map((m) => (
              <tr key={m.month}>
                <Td>{m.month}</Td>
                <Td>{share(m.withinDue, m.decided)}</Td>
                <Td>{durationText(m.medianMs)}</Td>
                <Td>{durationText(m.p90Ms)}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </section>
  );
}
