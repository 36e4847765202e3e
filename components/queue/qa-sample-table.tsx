import { documentKeyId } from '@/lib/ids';
import { Table, TableHead, Td } from '@/components/ui/table';
import { TextLink } from '@/components/ui/text-link';
import type { QaSampleRow } from '@/lib/calibration/qa-samples';
import { formatUtc } from '@/lib/format';

/** The QA sample: automated passes drawn for a human look, those awaiting a verdict first. */
export function QaSampleTable({ rows }: { rows: QaSampleRow[] }) {
  if (rows.length === 0) {
    return (
      <p className="text-sm" role="status">
        No document has been drawn for QA yet. The draw runs with the background sync, or with `npm run qa:draw`.
      </p>
    );
  }
  return (
    <Table aria-label="QA sample">
      <TableHead columns={['Drawn for', 'Customer', 'Document', 'Confidence', 'QA verdict']} actionColumn />
      <tbody>
        {rows.map((r) => (
          <tr key={documentKeyId(r.customerId, r.documentId)}>
            <Td className="whitespace-nowrap">{r.day}</Td>
            <Td>{r.customerName ?? `Customer ${r.customerId}`}</Td>
            <Td>
              {r.documentType ?? 'Document'} {r.documentId}
            </Td>
            <Td>{r.confidence === null ? '—' : `${r.confidence}%`}</Td>
            <Td>{r.verdict ? `${r.verdict === 'agree' ? 'Agree' : 'Disagree'} (${r.verdictBy}, ${formatUtc(r.verdictAt)})` : 'Awaiting a verdict'}</Td>
            <Td>
              <TextLink href={`/customers/${r.customerId}/documents/${r.documentId}`} prefetch={false} aria-label={`Review QA sample document ${r.documentId}`}>
                Review
              </TextLink>
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
