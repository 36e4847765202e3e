/** Display helpers for Artemis records; everything they return is rendered as text. */

const asRecord = (v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);
const asText = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : undefined);

/** A text field from Artemis as shown in a fact grid: the text, or a dash when absent. */
export function textOrDash(value: unknown): string {
  return typeof value === 'string' && value !== '' ? value : '—';
}

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

export function humanize(value: unknown): string {
  if (typeof value !== 'string' || value === '') return '—';
  return value.charAt(0) + value.slice(1).toLowerCase().replaceAll('_', ' ');
}

/** UTC, to the minute, the same for every reviewer wherever they sit. */
export function formatUtc(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
