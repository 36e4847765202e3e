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
