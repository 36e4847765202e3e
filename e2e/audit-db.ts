import { execFileSync } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import { isFinalOutcome } from '../lib/audit/outcomes';
import { E2E } from './config';

export type AuditRow = {
  id: string;
  action: string;
  actor_email: string;
  customer_id: number | null;
  document_id: number | null;
  correlation_id: string | null;
  reason_text: string | null;
  before_json: string | null;
  after_json: string | null;
  detail_json: string | null;
};
type UserRow = { id: string; session_version: number; role: string; status: string };

const literal = (v: string | number) => (typeof v === 'number' ? String(Math.trunc(v)) : `'${v.replaceAll("'", "''")}'`);

/**
 * Reads the app's own database as an investigator would, read-only and synchronously (the
 * specs call it from plain helpers): the SQLite file, or PostgreSQL through `psql` when the
 * suite runs on PostgreSQL (E2E_DATABASE_URL).
 */
function select<T>(query: string, params: (string | number)[]): T[] {
  if (E2E.databaseUrl) {
    let i = 0;
    const inlined = query.replace(/\?/g, () => literal(params[i++]!));
    const out = execFileSync('psql', [E2E.databaseUrl, '-At', '-v', 'ON_ERROR_STOP=1', '-c', `select coalesce(json_agg(t), '[]') from (${inlined}) t`], {
      encoding: 'utf8',
    });
    return JSON.parse(out) as T[];
  }
  const db = new Database(path.join(E2E.dataDir, 'console.db'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(query).all(...params) as T[];
  } finally {
    db.close();
  }
}

/**
 * The tests' only writes: they move a recorded time into the past in place of waiting for it
 * (a quarter of an hour for step-up, a day for a due date, an hour between digests).
 */
function update(statement: string, params: (string | number)[]): void {
  if (E2E.databaseUrl) {
    let i = 0;
    execFileSync('psql', [E2E.databaseUrl, '-v', 'ON_ERROR_STOP=1', '-c', statement.replace(/\?/g, () => literal(params[i++]!))]);
    return;
  }
  const db = new Database(path.join(E2E.dataDir, 'console.db'), { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    db.prepare(statement).run(...params);
  } finally {
    db.close();
  }
}

/** Every session of the account confirmed who it is long ago, as if STEP_UP_MINUTES had passed. */
export function confirmationsExpire(email: string): void {
  update("update sessions set confirmed_at = '2000-01-01T00:00:00.000Z' where user_id = (select id from users where email = ?)", [email]);
}

/** When the document entered the review queue, as the index keeps it; `setQueuedAt` moves it. */
export function queuedAtOf(doc: { customerId: number; documentId: number }): string | null {
  return select<{ queued_at: string | null }>('select queued_at from document_index where customer_id = ? and document_id = ?', [
    doc.customerId,
    doc.documentId,
  ])[0]!.queued_at;
}

/** Moves a person's last overdue digest an hour back: one sent for an earlier journey's document does not hold the next. */
export function backdateLastDigest(email: string): void {
  update('update notification_settings set digest_sent_at = ? where digest_sent_at is not null and user_id = (select id from users where email = ?)', [
    new Date(Date.now() - 3_600_000 - 60_000).toISOString(),
    email,
  ]);
}

export function setQueuedAt(doc: { customerId: number; documentId: number }, iso: string): void {
  update('update document_index set queued_at = ? where customer_id = ? and document_id = ?', [iso, doc.customerId, doc.documentId]);
}

export function auditEvents(filter: { action?: string; since?: number } = {}): (AuditRow & { seq: number })[] {
  const rows = select<AuditRow & { seq: number | string }>(
    'select seq, id, action, actor_email, customer_id, document_id, correlation_id, reason_text, before_json, after_json, detail_json from audit_events where seq > ? order by seq',
    [filter.since ?? 0],
  ).map((r) => ({
    ...r,
    seq: Number(r.seq),
    customer_id: r.customer_id === null ? null : Number(r.customer_id),
    document_id: r.document_id === null ? null : Number(r.document_id),
  }));
  return filter.action ? rows.filter((r) => r.action === filter.action) : rows;
}

/** One document's events since `since`, oldest first. */
export function documentEvents(doc: { customerId: number; documentId: number }, since = 0): (AuditRow & { seq: number })[] {
  return auditEvents({ since }).filter((e) => e.customer_id === doc.customerId && e.document_id === doc.documentId);
}

/** The final outcome recorded for an attempt (the one-outcome index allows at most one). */
export function finalOutcomeOf(attemptId: string): string | undefined {
  return auditEvents().find((e) => e.correlation_id === attemptId && isFinalOutcome(e.action))?.action;
}

export function lastAuditSeq(): number {
  return auditEvents().at(-1)?.seq ?? 0;
}

export function userByEmail(email: string): UserRow | undefined {
  return select<UserRow>('select id, session_version, role, status from users where email = ?', [email])[0];
}

/** Who holds a claim on a document, live or expired. */
export function claimsOn(customerId: number, documentId: number): { user_label: string; expires_at: string }[] {
  return select<{ user_label: string; expires_at: string }>('select user_label, expires_at from document_claims where customer_id = ? and document_id = ?', [
    customerId,
    documentId,
  ]);
}

/** The ids of an account's session rows not ended. */
export function openSessionIdsOf(email: string): string[] {
  return select<{ id: string }>('select s.id from sessions s join users u on u.id = s.user_id where u.email = ? and s.ended_at is null', [email]).map(
    (r) => r.id,
  );
}

/** Undecided documents no one has escalated, assigned, claimed or proposed an override of, that also meet `where`. */
function untouchedDocuments(where: string, order: string): { customerId: number; documentId: number }[] {
  return select<{ customer_id: number; document_id: number }>(
    `select customer_id, document_id from document_index d
      where ${where} and has_human_decision = 0 and escalated_at is null and assigned_to is null
        and not exists (select 1 from document_claims c where c.customer_id = d.customer_id and c.document_id = d.document_id)
        and not exists (select 1 from override_proposals p where p.customer_id = d.customer_id and p.document_id = d.document_id)
      order by ${order}`,
    [],
  ).map((r) => ({ customerId: Number(r.customer_id), documentId: Number(r.document_id) }));
}

/**
 * Documents in the review queue free for a journey to use. Those flagged only for low confidence
 * first: the queue's own journeys look for the rarer flags among the documents still open.
 */
export const untouchedQueuedDocuments = () =>
  untouchedDocuments('needs_review = 1', "case when flag_kinds = ',low-confidence,' then 0 else 1 end, document_id desc");

/** Free documents whose machine result is Fail: a pass over them is risky (four eyes). */
export const untouchedFailedDocuments = () => untouchedDocuments('conclusion = 0', 'document_id desc');

/** Ends every claim on the review screen: for the suite's last journeys, which need documents no one holds. */
export function releaseAllClaims(): void {
  update('delete from document_claims', []);
}
