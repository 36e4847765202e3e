/**
 * CSV (RFC 4180): fields holding a comma, quote, CR or LF are quoted, quotes doubled, records
 * end in CRLF. Text that a spreadsheet would run as a formula (starting with = + - @, or a tab
 * or CR that some strip first) gets a leading single quote: an exported reason must never
 * execute on an auditor's machine.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text: string;
  if (typeof value === 'number' || typeof value === 'boolean') text = String(value);
  else {
    text = String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  }
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRow(values: readonly unknown[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
