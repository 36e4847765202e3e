/** Display names for Artemis records (customers, document types); shared formatting is in lib/format.ts. */
import { asRecord } from '@/lib/records';

const asText = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : undefined);

export function customerName(customer: { particular?: unknown; id?: number }): string {
  const p = asRecord(customer.particular) ?? {};
  const joined = [asText(p.firstName), asText(p.lastName)].filter(Boolean).join(' ');
  return asText(p.name) ?? asText(p.fullName) ?? (joined || `Customer ${customer.id ?? ''}`.trim());
}

const DOCUMENT_TYPE_LABELS: Record<string, string> = {
  NATIONAL_ID: 'National ID',
  PASSPORT: 'Passport',
  DRIVING_LICENSE: 'Driving licence',
  OTHERS: 'Other document',
};

export function documentTypeLabel(type: unknown): string {
  return typeof type === 'string' ? (DOCUMENT_TYPE_LABELS[type] ?? type) : 'Document';
}
