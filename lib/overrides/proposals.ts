import 'server-only';
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Selectable } from 'kysely';
import { recordAuditEvent } from '@/lib/audit/trail';
import { getDb, isUniqueViolation, type Database } from '@/lib/db';
import type { OverrideProposalsTable } from '@/lib/db/schema';
import type { ReasonCode } from '@/lib/liveness/reason-codes';
import { toPassFail } from './schemas';

export type Proposal = {
  id: string;
  customerId: number;
  documentId: number;
  proposerId: string;
  proposerEmail: string;
  conclusion: boolean;
  facialCheck: boolean;
  reasonCode: ReasonCode;
  reasonText: string;
  seenVersion: string;
  before: { conclusion: boolean | null; facialCheck: boolean | null };
  status: 'pending' | 'approved' | 'rejected' | 'stale';
  createdAt: string;
  decidedAt: string | null;
  decidedByEmail: string | null;
  decisionReason: string | null;
};

export class PendingProposalExistsError extends Error {
  constructor() {
    super('A proposal for this document is already awaiting approval.');
    this.name = 'PendingProposalExistsError';
  }
}

function toProposal(row: Selectable<OverrideProposalsTable>): Proposal {
  return {
    id: row.id,
    customerId: Number(row.customer_id),
    documentId: Number(row.document_id),
    proposerId: row.proposer_id,
    proposerEmail: row.proposer_email,
    conclusion: row.conclusion === 'pass',
    facialCheck: row.facial_check === 'pass',
    reasonCode: row.reason_code as ReasonCode,
    reasonText: row.reason_text,
    seenVersion: row.seen_version,
    before: JSON.parse(row.before_json) as Proposal['before'],
    status: row.status,
    createdAt: row.created_at,
    decidedAt: row.decided_at,
    decidedByEmail: row.decided_by_email,
    decisionReason: row.decision_reason,
  };
}

export async function createProposal(
  input: {
    customerId: number;
    documentId: number;
    proposer: { id: string; email: string };
    conclusion: boolean;
    facialCheck: boolean;
    reasonCode: ReasonCode;
    reasonText: string;
    seenVersion: string;
    before: Proposal['before'];
  },
  db?: Kysely<Database>,
): Promise<Proposal> {
  const conn = db ?? (await getDb());
  const row = {
    id: randomUUID(),
    customer_id: input.customerId,
    document_id: input.documentId,
    proposer_id: input.proposer.id,
    proposer_email: input.proposer.email,
    conclusion: toPassFail(input.conclusion),
    facial_check: toPassFail(input.facialCheck),
    reason_code: input.reasonCode,
    reason_text: input.reasonText,
    seen_version: input.seenVersion,
    before_json: JSON.stringify(input.before),
    created_at: new Date().toISOString(),
    decided_at: null,
    decided_by_id: null,
    decided_by_email: null,
    decision_reason: null,
  };
  try {
    await conn.insertInto('override_proposals').values(row).execute();
  } catch (error) {
    if (isUniqueViolation(error)) throw new PendingProposalExistsError();
    throw error;
  }
  return (await getProposal(row.id, conn))!;
}

export async function getProposal(id: string, db?: Kysely<Database>): Promise<Proposal | null> {
  const conn = db ?? (await getDb());
  const row = await conn.selectFrom('override_proposals').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toProposal(row) : null;
}

export async function findPendingProposal(customerId: number, documentId: number, db?: Kysely<Database>): Promise<Proposal | null> {
  const conn = db ?? (await getDb());
  const row = await conn
    .selectFrom('override_proposals')
    .selectAll()
    .where('customer_id', '=', customerId)
    .where('document_id', '=', documentId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return row ? toProposal(row) : null;
}

export async function listPendingProposals(limit = 200, db?: Kysely<Database>): Promise<Proposal[]> {
  const conn = db ?? (await getDb());
  const rows = await conn.selectFrom('override_proposals').selectAll().where('status', '=', 'pending').orderBy('created_at', 'asc').limit(limit).execute();
  return rows.map(toProposal);
}

/** How many proposals wait for a second reviewer (the queue's "Awaiting approval" tab). */
export async function countPendingProposals(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('override_proposals')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Puts an approved proposal back to pending when its PUT did not go through. */
export async function reopenProposal(id: string, db?: Kysely<Database>): Promise<void> {
  const conn = db ?? (await getDb());
  // A new proposal made in the meantime takes precedence; this one then stays closed.
  await sql`update override_proposals set status = 'pending', decided_at = null, decided_by_id = null, decided_by_email = null, decision_reason = null where id = ${id} and status = 'approved'`
    .execute(conn)
    .catch((error: unknown) => {
      if (!isUniqueViolation(error)) throw error;
    });
}

/**
 * Closes a pending proposal. Only one decision can win: the update is conditional on the
 * proposal still pending, and returns false when someone else decided first.
 */
export async function closeProposal(
  id: string,
  outcome: { status: 'approved' | 'rejected' | 'stale'; by: { id: string; email: string } | null; reason: string | null },
  db?: Kysely<Database>,
): Promise<boolean> {
  const conn = db ?? (await getDb());
  const result = await conn
    .updateTable('override_proposals')
    .set({
      status: outcome.status,
      decided_at: new Date().toISOString(),
      decided_by_id: outcome.by?.id ?? null,
      decided_by_email: outcome.by?.email ?? null,
      decision_reason: outcome.reason,
    })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A proposal whose document changed in Artemis can no longer be approved as it stands. */
export async function markStale(proposal: Proposal, updatedAt: string | null): Promise<void> {
  if (await closeProposal(proposal.id, { status: 'stale', by: null, reason: 'The document changed in Artemis.' })) {
    await recordAuditEvent({
      action: 'override.proposal_stale',
      actor: { id: null, email: 'system', role: null },
      customerId: proposal.customerId,
      documentId: proposal.documentId,
      correlationId: proposal.id,
      after: { conclusion: proposal.conclusion, facialCheck: proposal.facialCheck },
      detail: { proposalId: proposal.id, proposerEmail: proposal.proposerEmail, updatedAt },
    });
  }
}
