import { z } from 'zod';

// What an id is wherever one arrives: Artemis customer and document ids, and the audit trail's
// event numbers, in a URL, a form, a query string or a callback. Artemis ids are positive 64-bit
// integers; the console handles those that fit a JavaScript number exactly.

/** A positive safe integer, written plainly: no sign, no leading zero, no exponent, no hex. */
const ID_TEXT = /^[1-9]\d{0,15}$/;

export const positiveId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** An id written as text (URL segments, form fields, query parameters). */
export const positiveIdText = z.string().regex(ID_TEXT).transform(Number).pipe(positiveId);

/** Whether `value` is an id the console can handle (a number, as Artemis sends them). */
export function isId(value: unknown): value is number {
  return positiveId.safeParse(value).success;
}

/** A document as the console names it: its customer's id and its own. */
export const documentKeySchema = z.object({ customerId: positiveId, documentId: positiveId });

export type DocumentKey = z.output<typeof documentKeySchema>;

/** The key as text, `customerId:documentId`: for maps, React keys and the `after` query parameter. */
export const documentKeyId = (customerId: number, documentId: number) => `${customerId}:${documentId}`;

/** The key `documentKeyId` wrote, or undefined for anything else. */
export function parseDocumentKeyId(value: string | null | undefined): DocumentKey | undefined {
  const parts = (value ?? '').split(':');
  if (parts.length !== 2) return undefined;
  const [customerId, documentId] = parts.map(parseIdText);
  return customerId !== undefined && documentId !== undefined ? { customerId, documentId } : undefined;
}

/** The same, as a form's fields send it. */
export const documentKeyFieldsSchema = z.object({ customerId: positiveIdText, documentId: positiveIdText });

/** The id `value` writes, or undefined. */
export function parseIdText(value: string): number | undefined {
  const parsed = positiveIdText.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}
