/** Display formatting shared by pages, components and the audit views; every result is plain text. */

/** UTC, to the minute, the same for every reviewer wherever they sit. */
export function formatUtc(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** A text field as shown in a fact grid: the text, or a dash when absent. */
export function textOrDash(value: unknown): string {
  return typeof value === 'string' && value !== '' ? value : '—';
}

/** An upper-case enum value (`PENDING_REVIEW`) as words (`Pending review`); a dash when absent. */
export function humanize(value: unknown): string {
  if (typeof value !== 'string' || value === '') return '—';
  return value.charAt(0) + value.slice(1).toLowerCase().replaceAll('_', ' ');
}

/** Pass / Fail / not set, as words in a sentence (before → after lines). */
export function passFailText(value: boolean | null | undefined): 'Pass' | 'Fail' | 'not set' {
  return value === true ? 'Pass' : value === false ? 'Fail' : 'not set';
}
