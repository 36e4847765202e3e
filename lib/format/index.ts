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

/** A span of time as a reviewer reads it: minutes under an hour, hours under two days, then days (rounded down). */
export function durationText(ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  if (minutes < 60) return `${Math.max(1, minutes)} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.floor(hours / 24)} days`;
}

/** `Due in 3 h` or `Overdue by 2 h`, from the due time and the present. */
export function dueText(dueAtMs: number, nowMs: number): { overdue: boolean; text: string } {
  const left = dueAtMs - nowMs;
  return left >= 0 ? { overdue: false, text: `Due in ${durationText(left)}` } : { overdue: true, text: `Overdue by ${durationText(left)}` };
}

/** `name-20261207T101500Z.ext`: a UTC stamp (ISO 8601 basic format) valid in any file system. */
export function stampedFileName(name: string, extension: string, at: Date = new Date()): string {
  const stamp = at
    .toISOString()
    .replaceAll(':', '')
    .replaceAll('-', '')
    .replace(/\.\d+Z$/, 'Z');
  return `${name}-${stamp}.${extension}`;
}
