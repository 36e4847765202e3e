import type { ArtemisCustomer, ArtemisDocument } from '@/lib/artemis/schemas';
import { customerName, documentTypeLabel, formatUtc, textOrDash } from '@/lib/customers/display';
import type { LivenessAssessment } from '@/lib/liveness/assessment';
import { DecisionStatus } from './decision-status';
import { Fact, Facts } from '@/components/ui/facts';

export function ReviewHeader({
  customer,
  document,
  updatedAt,
  assessment,
}: {
  customer: ArtemisCustomer;
  document: ArtemisDocument;
  updatedAt: string | null;
  assessment: LivenessAssessment;
}) {
  return (
    <header className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-700 dark:bg-slate-900">
      <p className="text-sm text-slate-600 dark:text-slate-300">
        Customer {customer.id}
        {customer.referenceId ? ` · Reference ${customer.referenceId}` : ''}
      </p>
      <h1 className="mt-1 break-words text-xl font-semibold">{customerName(customer)}</h1>
      <Facts>
        <Fact label="Document">
          {documentTypeLabel(document.type)}
        </Fact>
        <Fact label="Number" breakAll>
          {textOrDash(document.number)}
        </Fact>
        <Fact label="Issued">
          {textOrDash(document.issueDate)}
        </Fact>
        <Fact label="Expires">
          {textOrDash(document.expiryDate)}
        </Fact>
        <Fact label="Last updated">
          {formatUtc(updatedAt)}
        </Fact>
        <Fact label="Decision status">
          <DecisionStatus assessment={assessment} />
        </Fact>
      </Facts>
    </header>
  );
}
