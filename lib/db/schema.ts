import type { ColumnType, Insertable, Selectable, Updateable } from 'kysely';

/**
 * Column types of the console's own database. The same interface serves SQLite and
 * PostgreSQL; timestamps are ISO-8601 UTC strings (with milliseconds) in both, JSON payloads
 * are stored as text (never jsonb: the audit hash covers the exact stored text).
 *
 * PostgreSQL returns BIGINT columns (audit `seq`, customer and document ids) as strings, so
 * those read as `number | string`; the data-access modules normalise them with `Number()`.
 */

export type UsersTable = {
  id: string;
  /** Unique, always stored lower-case (a CHECK constraint enforces it). */
  email: string;
  /** Display name; null when none was given. */
  name: string | null;
  role: 'reviewer' | 'auditor' | 'admin';
  password_hash: string;
  status: 'active' | 'disabled';
  /** Bumped to invalidate every session issued before. */
  session_version: ColumnType<number, number | undefined, number>;
  created_at: string;
  updated_at: string;
};

type NullableBigIntColumn = ColumnType<number | string | null, number | null | undefined, never>;
/** Audit rows are never updated: every column is insert-only. */
type Insert<T> = ColumnType<T, T, never>;
type InsertOptional<T> = ColumnType<T, T | undefined, never>;

export type AuditEventsTable = {
  /** Assigned by the database (INTEGER PRIMARY KEY AUTOINCREMENT / BIGSERIAL). */
  seq: ColumnType<number | string, never, never>;
  id: Insert<string>;
  occurred_at: Insert<string>;
  actor_id: InsertOptional<string | null>;
  actor_email: Insert<string>;
  actor_role: InsertOptional<string | null>;
  action: Insert<string>;
  customer_id: NullableBigIntColumn;
  document_id: NullableBigIntColumn;
  correlation_id: InsertOptional<string | null>;
  before_json: InsertOptional<string | null>;
  after_json: InsertOptional<string | null>;
  machine_json: InsertOptional<string | null>;
  reason_code: InsertOptional<string | null>;
  reason_text: InsertOptional<string | null>;
  thresholds_json: InsertOptional<string | null>;
  upstream_status: InsertOptional<number | null>;
  request_id: InsertOptional<string | null>;
  detail_json: InsertOptional<string | null>;
  prev_hash: Insert<string>;
  hash: Insert<string>;
};

export type OverrideProposalsTable = {
  id: string;
  customer_id: ColumnType<number | string, number, never>;
  document_id: ColumnType<number | string, number, never>;
  proposer_id: string;
  proposer_email: string;
  conclusion: 'pass' | 'fail';
  facial_check: 'pass' | 'fail';
  reason_code: string;
  reason_text: string;
  /** The document version (lib/liveness/version) the proposer saw; approval refuses any other. */
  seen_version: string;
  before_json: string;
  status: ColumnType<'pending' | 'approved' | 'rejected' | 'stale', 'pending' | undefined, 'approved' | 'rejected' | 'stale'>;
  created_at: string;
  decided_at: string | null;
  decided_by_id: string | null;
  decided_by_email: string | null;
  decision_reason: string | null;
};

/** One row (id 1): the newest audit event and the count, moved forward with every append. */
export type AuditChainHeadTable = {
  id: number;
  last_seq: number | string;
  last_id: string | null;
  last_hash: string;
  event_count: number | string;
  updated_at: string;
};

export type Database = {
  users: UsersTable;
  audit_events: AuditEventsTable;
  override_proposals: OverrideProposalsTable;
  audit_chain_head: AuditChainHeadTable;
};

export type UserRow = Selectable<UsersTable>;
export type NewUserRow = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type AuditEventRow = Selectable<AuditEventsTable>;
export type NewAuditEventRow = Insertable<AuditEventsTable>;
