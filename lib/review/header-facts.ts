import type { ArtemisCustomer, ArtemisDocument } from '@/lib/artemis/schemas';
import type { AppliedDecision } from '@/lib/audit/decisions';
import { customerName, documentTypeLabel } from '@/lib/format/display';
import { formatUtc, textOrDash } from '@/lib/format';

/**
 * What the review screen's header shows of the customer and the document, already reduced to
 * text: the header is a client component, and only what it shows goes into the page's payload.
 */
export type ReviewHeaderFacts = {
  customerId: number;
  referenceId: string | null;
  name: string;
  documentType: string;
  number: string;
  issued: string;
  expires: string;
  lastUpdated: string;
  /** The console's latest applied decision, while Artemis still holds what it set. */
  decided: { by: string; at: string } | null;
};

/** `decided`: the console's decision in effect (lib/audit/decisions.ts), if any. */
export function reviewHeaderFacts(
  customer: ArtemisCustomer,
  document: ArtemisDocument,
  updatedAt: string | null,
  decided: AppliedDecision | null,
): ReviewHeaderFacts {
  return {
    customerId: customer.id,
    referenceId: customer.referenceId || null,
    name: customerName(customer),
    documentType: documentTypeLabel(document.type),
    number: textOrDash(document.number),
    issued: textOrDash(document.issueDate),
    expires: textOrDash(document.expiryDate),
    lastUpdated: formatUtc(updatedAt),
    decided: decided && { by: decided.decidedBy, at: formatUtc(decided.decidedAt) },
  };
}
