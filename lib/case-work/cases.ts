import 'server-only';
import type { Kysely } from 'kysely';
import { recordAuditEvent } from '@/lib/audit/trail';
import type { CurrentUser } from '@/lib/auth/session';
import { findActiveClaim, releaseClaim } from '@/lib/claims/claims';
import { getDb, writeTransaction, type Database } from '@/lib/db';
import { getEnv } from '@/lib/env';
import { hasRecentView, type AccessRequest } from '@/lib/evidence-access/access';
import type { DocumentKey } from '@/lib/ids';
import { DOCUMENT_BUSY, withDecisionLock } from '@/lib/overrides/decision-lock';
import { findPendingProposal } from '@/lib/overrides/proposals';
import { decisionLockLifetimeMs } from '@/lib/overrides/timing';
import { findUserById, listUsers } from '@/lib/users/store';
import { canOverride } from '@/lib/users/roles';

/**
 * Escalation and assignment (SPEC §14), kept on the document's index row for its current stay in
 * the queue and recorded on the trail (`case.*`). Escalating takes the document's decision lock,
 * so it never races a decision: an escalated document is decided only by admins (the pipeline
 * asks `decisionRefusal`).
 */

export type CaseState = {
  inQueue: boolean;
  escalation: { at: string; byEmail: string; reason: string } | null;
  assignee: { userId: string; label: string; at: string } | null;
};

export type CaseResult = { ok: true; message: string } | { ok: false; kind: 'refused'; message: string };

const refused = (message: string): CaseResult => ({ ok: false, kind: 'refused', message });

async function indexRow(db: Kysely<Database>, { customerId, documentId }: DocumentKey) {
  return db
    .selectFrom('document_index')
    .select(['needs_review', 'has_human_decision', 'escalated_at', 'escalated_by', 'escalation_reason', 'assigned_to', 'assigned_label', 'assigned_at'])
    .where('customer_id', '=', customerId)
    .where('document_id', '=', documentId)
    .executeTakeFirst();
}

type IndexRow = NonNullable<Awaited<ReturnType<typeof indexRow>>>;

const isInQueue = (row: IndexRow | undefined): row is IndexRow => Number(row?.needs_review) === 1 && Number(row?.has_human_decision) === 0;

function stateOf(row: IndexRow | undefined): CaseState {
  const inQueue = isInQueue(row);
  return {
    inQueue,
    escalation: inQueue && row.escalated_at ? { at: row.escalated_at, byEmail: row.escalated_by ?? '', reason: row.escalation_reason ?? '' } : null,
    assignee: inQueue && row.assigned_to ? { userId: row.assigned_to, label: row.assigned_label ?? '', at: row.assigned_at ?? '' } : null,
  };
}

/** The document's case as the review screen shows it (none once it has left the queue). */
export async function caseStateOf(key: DocumentKey, db?: Kysely<Database>): Promise<CaseState> {
  return stateOf(await indexRow(db ?? (await getDb()), key));
}

/** Why `user` may not decide the document now, or null: an escalated document is the admins' to decide. */
export async function decisionRefusal(key: DocumentKey, user: { role: string }): Promise<string | null> {
  const { escalation } = await caseStateOf(key);
  return escalation && user.role !== 'admin' ? `Escalated by ${escalation.byEmail}: only an admin can decide it now.` : null;
}

const ONE_SECOND = 1_000;

/** Runs `change` under the document's decision lock, so that no decision is under way meanwhile. */
async function underDecisionLock(key: DocumentKey, change: () => Promise<CaseResult>): Promise<CaseResult> {
  const result = await withDecisionLock(key, { lifetimeMs: decisionLockLifetimeMs(getEnv().artemis.timeoutMs) + ONE_SECOND }, async () => ({
    value: await change(),
    lock: 'release',
  }));
  return result === DOCUMENT_BUSY ? refused('A decision on this document is under way. Try again once it is over.') : (result as CaseResult);
}

const NOT_IN_QUEUE = 'This document is no longer in the review queue.';

/** A reviewer's `Escalate`: to the compliance lead (admins), with the reason, from the open review screen. */
export async function escalate(actor: CurrentUser, key: DocumentKey, reason: string, request: AccessRequest): Promise<CaseResult> {
  if (!(await hasRecentView(actor.id, key))) return refused('Open the document in the console to escalate it.');
  return underDecisionLock(key, async () => {
    const db = await getDb();
    const row = await indexRow(db, key);
    if (!isInQueue(row)) return refused(NOT_IN_QUEUE);
    if (row.escalated_at) return refused(`Already escalated by ${row.escalated_by}.`);
    if (await findPendingProposal(key.customerId, key.documentId)) {
      return refused('An override of this document is awaiting approval. It can be escalated once that proposal is approved or rejected.');
    }
    const claim = await findActiveClaim(db, key.customerId, key.documentId);
    if (claim && claim.userId !== actor.id) return refused(`Being reviewed by ${claim.userLabel}: only they can escalate it while they hold it.`);
    const at = new Date().toISOString();
    await writeTransaction(db, async (trx) => {
      await trx
        .updateTable('document_index')
        .set({ escalated_at: at, escalated_by: actor.email, escalation_reason: reason })
        .where('customer_id', '=', key.customerId)
        .where('document_id', '=', key.documentId)
        .execute();
      await recordAuditEvent(
        { action: 'case.escalated', actor, ...key, reasonText: reason, detail: { client: request.client, consoleRequestId: request.requestId } },
        trx,
      );
    });
    // The escalating reviewer leaves it: an admin takes it from here.
    await releaseClaim(db, actor, key.customerId, key.documentId);
    return { ok: true, message: 'Escalated to the compliance lead.' };
  });
}

/** An admin's `Return to queue`: the escalation ends, with the reason, and reviewers may decide it again. */
export async function returnToQueue(actor: CurrentUser, key: DocumentKey, reason: string, request: AccessRequest): Promise<CaseResult> {
  return underDecisionLock(key, async () => {
    const db = await getDb();
    const row = await indexRow(db, key);
    if (!isInQueue(row)) return refused(NOT_IN_QUEUE);
    if (!row.escalated_at) return refused('This document is not escalated.');
    await writeTransaction(db, async (trx) => {
      await trx
        .updateTable('document_index')
        .set({ escalated_at: null, escalated_by: null, escalation_reason: null })
        .where('customer_id', '=', key.customerId)
        .where('document_id', '=', key.documentId)
        .execute();
      await recordAuditEvent(
        {
          action: 'case.returned',
          actor,
          ...key,
          reasonText: reason,
          detail: { escalatedBy: row.escalated_by, escalatedAt: row.escalated_at, client: request.client, consoleRequestId: request.requestId },
        },
        trx,
      );
    });
    return { ok: true, message: 'Returned to the review queue.' };
  });
}

export type AssignResult =
  | { ok: true; message: string; assigned: number; refusals: { customerId: number; documentId: number; reason: string }[] }
  | { ok: false; kind: 'refused'; message: string };

/** An admin assigns documents to a reviewer or an admin: one event per document; each one refused says why and changes nothing. */
export async function assign(actor: CurrentUser, assigneeId: string, documents: DocumentKey[]): Promise<AssignResult> {
  const assignee = await findUserById(assigneeId);
  if (!assignee) return { ok: false, kind: 'refused', message: 'No such account.' };
  if (assignee.status !== 'active')
    return { ok: false, kind: 'refused', message: `${assignee.email} is disabled: documents cannot be assigned to a disabled account.` };
  if (!canOverride(assignee.role))
    return { ok: false, kind: 'refused', message: `${assignee.email} is an ${assignee.role}: only reviewers and admins decide documents.` };
  const db = await getDb();
  const label = assignee.name ?? assignee.email;
  const refusals: { customerId: number; documentId: number; reason: string }[] = [];
  let assigned = 0;
  for (const key of documents) {
    const done = await writeTransaction(db, async (trx) => {
      const row = await indexRow(trx, key);
      if (!isInQueue(row)) return NOT_IN_QUEUE;
      if (row.assigned_to === assignee.id) return `Already assigned to ${label}.`;
      await trx
        .updateTable('document_index')
        .set({ assigned_to: assignee.id, assigned_label: label, assigned_at: new Date().toISOString() })
        .where('customer_id', '=', key.customerId)
        .where('document_id', '=', key.documentId)
        .execute();
      await recordAuditEvent({ action: 'case.assigned', actor, ...key, detail: { assigneeEmail: assignee.email, previousAssignee: row.assigned_label } }, trx);
      return null;
    });
    if (done) refusals.push({ ...key, reason: done });
    else assigned += 1;
  }
  const message =
    refusals.length === 0
      ? `${assigned} ${assigned === 1 ? 'document' : 'documents'} assigned to ${label}.`
      : `${assigned} of ${documents.length} assigned to ${label}; ${refusals.length} not assigned.`;
  return { ok: true, message, assigned, refusals };
}

/** A person's `Unassign me`: the document goes back to everyone's queue. */
export async function unassignSelf(actor: CurrentUser, key: DocumentKey): Promise<CaseResult> {
  const db = await getDb();
  return writeTransaction(db, async (trx) => {
    const row = await indexRow(trx, key);
    if (!isInQueue(row)) return refused(NOT_IN_QUEUE);
    if (row.assigned_to !== actor.id) return refused('This document is not assigned to you.');
    await trx
      .updateTable('document_index')
      .set({ assigned_to: null, assigned_label: null, assigned_at: null })
      .where('customer_id', '=', key.customerId)
      .where('document_id', '=', key.documentId)
      .execute();
    await recordAuditEvent({ action: 'case.unassigned', actor, ...key, detail: { assigneeEmail: actor.email } }, trx);
    return { ok: true, message: 'Unassigned: the document is back in everyone’s queue.' };
  });
}

/** The people `user` may assign documents to: for an admin, every active reviewer and admin; for anyone else, null. */
export async function assignablePeople(user: Pick<CurrentUser, 'role'>): Promise<{ id: string; label: string }[] | null> {
  if (user.role !== 'admin') return null;
  return (await listUsers()).filter((u) => u.status === 'active' && canOverride(u.role)).map((u) => ({ id: u.id, label: `${u.name ?? u.email} (${u.role})` }));
}
