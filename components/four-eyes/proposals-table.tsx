import { TextLink } from '@/components/ui/text-link';
import { Table, TableHead, Td } from '@/components/ui/table';
import { formatUtc, passFailText } from '@/lib/format';
import type { Proposal } from '@/lib/overrides/proposals';

/** Overrides waiting for a second reviewer, oldest first. */
export function ProposalsTable({ proposals, userId }: { proposals: Proposal[]; userId: string }) {
  return (
    <Table aria-label="Overrides awaiting approval">
      <TableHead columns={['Document', 'Change', 'Proposed by', 'Proposed']} actionColumn />
      <tbody>
        {proposals.map((p) => (
          <tr key={p.id}>
            <Td>
              Customer {p.customerId} · document {p.documentId}
            </Td>
            <Td>
              Conclusion {passFailText(p.before.conclusion)} → {passFailText(p.conclusion)}; Facial check {passFailText(p.before.facialCheck)} →{' '}
              {passFailText(p.facialCheck)}
            </Td>
            <Td className="break-all">{p.proposerEmail}</Td>
            <Td className="whitespace-nowrap">{formatUtc(p.createdAt)}</Td>
            <Td>
              <TextLink
                href={`/customers/${p.customerId}/documents/${p.documentId}`}
                prefetch={false}
                aria-label={`${p.proposerId === userId ? 'View your proposal for' : 'Decide on'} document ${p.documentId}`}
              >
                {p.proposerId === userId ? 'View' : 'Decide'}
              </TextLink>
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
