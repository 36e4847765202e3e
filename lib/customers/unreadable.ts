import type { UnreadableRecord } from '@/lib/artemis/records';

/** Plain names for the fields a reviewer may meet in an unreadable record; the wire name follows. */
const FIELD_LABELS: Record<string, string> = {
  customerId: 'customer id',
  referenceId: 'reference id',
  riskRating: 'risk rating',
  particular: 'personal details',
  createdAt: 'created date',
  updatedAt: 'last updated date',
  issueDate: 'issue date',
  expiryDate: 'expiry date',
  liveness: 'liveness result',
};

const ID_PROBLEMS: Record<NonNullable<UnreadableRecord['idProblem']>, string> = {
  'beyond-range': 'id beyond the range the console can handle',
  missing: 'it has no id',
  invalid: 'its id is not a positive whole number',
};

function fieldName(field: string): string {
  const label = FIELD_LABELS[field];
  return label ? `${label} (${field})` : field;
}

function list(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** Why the record could not be read, in plain words, for a table row. Text only. */
export function unreadableRecordNote(record: UnreadableRecord): string {
  const parts: string[] = [];
  if (record.idProblem) parts.push(ID_PROBLEMS[record.idProblem]);
  const fields = record.fields.filter((f) => f !== 'id');
  if (fields.length > 0) {
    parts.push(
      `${fields.length === 1 ? 'the field' : 'the fields'} ${list(fields.map(fieldName))} ${fields.length === 1 ? 'is' : 'are'} not in a form the console can read`,
    );
  }
  if (parts.length === 0) parts.push('it is not a record the console understands');
  return `This record from Artemis could not be read (${parts.join('; ')}).`;
}

/** The record's id as text: the id when usable, else its short text form; undefined when neither. */
export function unreadableRecordId(record: UnreadableRecord): string | undefined {
  return record.id !== undefined ? String(record.id) : record.idText;
}
