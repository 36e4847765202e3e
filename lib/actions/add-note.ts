'use server';

import { authAction } from '@/lib/auth/action';
import { requestSource } from '@/lib/auth/request-source';
import { addNote } from '@/lib/case-work/notes';
import { noteSchema } from '@/lib/case-work/schemas';
import { revalidateDocument } from '@/lib/review/revalidate';
import { OVERRIDE_ROLES } from '@/lib/users/roles';

/** The review screen's `Add note`: reviewers and admins write, auditors read. */
export const addNoteAction = authAction(
  { roles: OVERRIDE_ROLES, schema: noteSchema, invalid: 'The note needs attention.' },
  async ({ customerId, documentId, text }, user) => {
    const result = await addNote(user, { customerId, documentId }, text, await requestSource());
    if (result.ok) revalidateDocument(customerId);
    return result.ok ? { ok: true as const, message: 'Note added.' } : result;
  },
);
