import type { ArtemisCustomer, ArtemisDocument } from '@/lib/artemis/schemas';
import { customerName, documentTypeLabel, formatUtc } from '@/lib/customers/display';
import type { LivenessAssessment } from '@/lib/liveness/assessment';
import { DecisionStatus } from './decision-status';

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
  const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : '—');
  return (
    <header className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-700 dark:bg-slate-900">
      <p className="text-sm text-slate-600 dark:text-slate-300">
        Customer {customer.id}
        {customer.referenceId ? ` · Reference ${customer.referenceId}` : ''}
      </p>
      <h1 className="mt-1 break-words text-xl font-semibold">{customerName(customer)}</h1>
      <dl className="mt-3 grid grid-cols-2 gap-x-6 gap-y-2 text-sm sm:grid-cols-3 lg:grid-cols-6">
        <div>
          <dt className="text-slate-600 dark:text-slate-300">Document</dt>
          <dd className="font-medium">{documentTypeLabel(document.type)}</dd>
        </div>
        <div>
          <dt className="text-slate-600 dark:text-slate-300">Number</dt>
          <dd className="break-all font-medium">{text(document.number)}</dd>
        </div>
        <div>
          <dt className="text-slate-600 dark:text-slate-300">Issued</dt>
          <dd className="font-medium">{text(document.issueDate)}</dd>
        </div>
        <div>
          <dt className="text-slate-600 dark:text-slate-300">Expires</dt>
          <dd className="font-medium">{text(document.expiryDate)}</dd>
        </div>
        <div>
          <dt className="text-slate-600 dark:text-slate-300">Last updated</dt>
          <dd className="font-medium">{formatUtc(updatedAt)}</dd>
        </div>
        <div>
          <dt className="text-slate-600 dark:text-slate-300">Decision status</dt>
          <dd className="font-medium">
            <DecisionStatus assessment={assessment} />
          </dd>
        </div>
      </dl>
    </header>
  );
}
