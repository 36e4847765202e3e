'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useId, useState, useTransition } from 'react';
import { useForm } from 'react-hook-form';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Section } from '@/components/ui/card';
import { describedBy, Field, Textarea } from '@/components/ui/field';
import { addNoteAction } from '@/lib/actions/add-note';
import { NOTE_MAX_LENGTH, noteFormSchema, type NoteFormValues } from '@/lib/case-work/schemas';
import type { Note } from '@/lib/case-work/notes';
import { formatUtc } from '@/lib/format';

type Answer = Awaited<ReturnType<typeof addNoteAction>> | { ok: false; kind: 'no-answer'; message: string };

/** `Notes`: what colleagues wrote about the document, oldest first, and `Add note` for those who may. */
export function NotesSection({ customerId, documentId, notes, canAdd }: { customerId: number; documentId: number; notes: Note[]; canAdd: boolean }) {
  const router = useRouter();
  const ids = useId();
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [pending, startTransition] = useTransition();
  const {
    register,
    handleSubmit,
    reset,
    formState: { errors },
  } = useForm<NoteFormValues>({ resolver: zodResolver(noteFormSchema), defaultValues: { text: '' } });

  // The text stays in the field until the note is on the record.
  const submit = (values: NoteFormValues) =>
    startTransition(async () => {
      setAnswer(null);
      try {
        const result = await addNoteAction({ ...values, customerId, documentId });
        setAnswer(result);
        if (result.ok) {
          reset({ text: '' });
          router.refresh();
        }
      } catch {
        setAnswer({ ok: false, kind: 'no-answer', message: 'The console did not answer. Reload the document to see whether the note was added.' });
      }
    });
  const fieldError = errors.text?.message ?? (answer && !answer.ok && answer.kind === 'invalid' ? answer.fieldErrors.text?.[0] : undefined);

  return (
    <Section title="Notes" id="notes-heading">
      {notes.length === 0 ? (
        <p className="text-sm text-slate-700 dark:text-slate-300">No notes yet.</p>
      ) : (
        <ol className="space-y-2 text-sm" aria-labelledby="notes-heading">
          {notes.map((note) => (
            <li key={note.key} data-testid="note" className="rounded-md border border-slate-200 p-3 dark:border-slate-700">
              <p className="flex flex-wrap gap-x-2 text-slate-600 dark:text-slate-300">
                <span data-testid="note-author">{`${note.authorEmail}${note.authorRole ? ` (${note.authorRole})` : ''}`}</span>
                <time dateTime={note.at}>{formatUtc(note.at)}</time>
              </p>
              <p data-testid="note-text" className="mt-1 whitespace-pre-wrap break-words">
                {note.text}
              </p>
            </li>
          ))}
        </ol>
      )}
      {canAdd ? (
        <form aria-label="Add note" noValidate className="mt-3 space-y-2" onSubmit={handleSubmit(submit)}>
          <Field
            id={`${ids}-note`}
            label="Note"
            error={fieldError}
            note={
              <p className="mt-1 text-xs text-slate-600 dark:text-slate-300">{`Plain text, up to ${NOTE_MAX_LENGTH} characters. Notes cannot be edited or removed.`}</p>
            }
          >
            <Textarea id={`${ids}-note`} rows={3} {...register('text')} {...describedBy(`${ids}-note`, fieldError)} />
          </Field>
          <Button type="submit" disabled={pending} aria-busy={pending}>
            {pending ? 'Adding…' : 'Add note'}
          </Button>
          {answer && !answer.ok && answer.kind !== 'invalid' ? <Alert tone="error" title={answer.message} testId="note-not-added" /> : null}
        </form>
      ) : (
        <p className="mt-2 text-sm text-slate-700 dark:text-slate-300">Your role can read the notes but not add one.</p>
      )}
    </Section>
  );
}
