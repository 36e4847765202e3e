import 'server-only';
import { requireUser } from '@/lib/auth/session';
import type { DocumentKey } from '@/lib/ids';
import { assignablePeople, caseStateOf, type CaseState } from './cases';

// Kept apart from cases.ts: the command-line tools wire the escalation guard without the request-bound gate.

export type CaseView = { state: CaseState; people: { id: string; label: string }[] | null };

/** The review screen's case, for the signed-in person: admins also get the people they may assign to. */
export async function loadCase(key: DocumentKey): Promise<CaseView> {
  const user = await requireUser();
  const state = await caseStateOf(key);
  return { state, people: state.inQueue ? await assignablePeople(user) : null };
}
