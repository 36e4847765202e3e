import { z } from 'zod';
import { documentKeySchema } from '@/lib/ids';

/** Case work's inputs (SPEC §14), shared by each form and its server action. Plain zod: safe in client components. */

export const NOTE_MAX_LENGTH = 2000;

export const noteSchema = documentKeySchema.extend({
  text: z.string({ error: 'Write the note.' }).trim().min(1, 'Write the note.').max(NOTE_MAX_LENGTH, `At most ${NOTE_MAX_LENGTH} characters.`),
});
/** The note form's own field; the page supplies the document. */
export const noteFormSchema = noteSchema.pick({ text: true });
export type NoteFormValues = z.output<typeof noteFormSchema>;

export const CASE_REASON_MIN_LENGTH = 10;

const caseReason = z
  .string({ error: 'Give the reason.' })
  .trim()
  .min(CASE_REASON_MIN_LENGTH, `At least ${CASE_REASON_MIN_LENGTH} characters.`)
  .max(NOTE_MAX_LENGTH, `At most ${NOTE_MAX_LENGTH} characters.`);

/** `Escalate` and `Return to queue`: the document and why. */
export const caseReasonSchema = documentKeySchema.extend({ reason: caseReason });
export const caseReasonFormSchema = caseReasonSchema.pick({ reason: true });
export type CaseReasonFormValues = z.output<typeof caseReasonFormSchema>;

/** `Assign to` on the review screen, `Assign selected` on the queue (at most 100 documents). */
export const MAX_ASSIGNED_AT_ONCE = 100;
export const assignSchema = z.object({
  assigneeId: z.string({ error: 'Choose a person.' }).min(1, 'Choose a person.').max(100),
  documents: z
    .array(documentKeySchema)
    .min(1, 'Choose at least one document.')
    .max(MAX_ASSIGNED_AT_ONCE, `At most ${MAX_ASSIGNED_AT_ONCE} documents at a time.`),
});
export type AssignInput = z.input<typeof assignSchema>;
