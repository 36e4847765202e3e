import 'server-only';
import { recordAuditEvent, type AuditEvent } from '@/lib/audit/trail';
import { hasRecentView, type AccessRequest, type Person } from '@/lib/evidence-access/access';
import type { DocumentKey } from '@/lib/ids';

/**
 * A document's notes (SPEC §14) are `note.added` events on the trail: append-only and
 * tamper-evident like every decision, and untouched by any later one. The text is kept as given
 * and always rendered as text.
 */

export type Note = { key: string; authorEmail: string; authorRole: string | null; at: string; text: string };

export type AddNoteResult = { ok: true; note: Note } | { ok: false; kind: 'not-viewed'; message: string };

export const NOTE_ACTION = 'note.added';

function noteOf(event: AuditEvent): Note {
  return { key: event.id, authorEmail: event.actorEmail, authorRole: event.actorRole, at: event.occurredAt, text: event.reasonText ?? '' };
}

/** The notes among a document's history, oldest first. */
export function notesIn(history: AuditEvent[]): Note[] {
  return history
    .filter((event) => event.action === NOTE_ACTION)
    .sort((a, b) => a.seq - b.seq)
    .map(noteOf);
}

/** Adds a note to a document the person has open: a note needs the review screen's recorded view first. */
export async function addNote(actor: Person, key: DocumentKey, text: string, request: AccessRequest): Promise<AddNoteResult> {
  if (!(await hasRecentView(actor.id, key))) {
    return { ok: false, kind: 'not-viewed', message: 'Open the document in the console to add a note to it.' };
  }
  const event = await recordAuditEvent({
    action: NOTE_ACTION,
    actor,
    customerId: key.customerId,
    documentId: key.documentId,
    reasonText: text,
    detail: { client: request.client, consoleRequestId: request.requestId },
  });
  return { ok: true, note: noteOf(event) };
}
