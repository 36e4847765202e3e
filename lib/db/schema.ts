import type { ColumnType, Insertable, Selectable } from 'kysely';

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
  /** Set for a one-time password an admin issued: it stops working then, and must be changed at sign-in. */
  password_expires_at: ColumnType<string | null, string | null | undefined, string | null>;
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

type BigIntKey = ColumnType<number | string, number, number>;

/** One Artemis document as last synced, with its SPEC §7 assessment (a cache; Artemis is the truth). */
export type DocumentIndexTable = {
  customer_id: BigIntKey;
  document_id: BigIntKey;
  customer_name: string | null;
  customer_status: string | null;
  customer_risk_rating: string | null;
  customer_reference_id: string | null;
  document_type: string | null;
  document_number: string | null;
  /** 1 / 0 / null (booleans as integers in both dialects). */
  liveness_result: number | null;
  conclusion: number | null;
  facial_check: number | null;
  confidence: number | null;
  /** JSON array of `{ kind, text }`. */
  flags_json: string;
  /** `,kind,kind,` for LIKE filtering. */
  flag_kinds: string;
  needs_review: number;
  /** 1 when this console recorded `override.applied` for the document. */
  has_human_decision: number;
  decided_at: string | null;
  decided_by: string | null;
  /** Artemis's updatedAt, ISO. */
  updated_at: string | null;
  synced_at: string;
  /** When the index first saw the document needing review, for its current stay in the queue; kept after it leaves. */
  queued_at: ColumnType<string | null, string | null | undefined, string | null>;
  /** Case work of the current stay (lib/case-work): cleared when the document enters the queue anew. */
  escalated_at: ColumnType<string | null, string | null | undefined, string | null>;
  escalated_by: ColumnType<string | null, string | null | undefined, string | null>;
  escalation_reason: ColumnType<string | null, string | null | undefined, string | null>;
  /** The assignee's user id, and how the queue names them. */
  assigned_to: ColumnType<string | null, string | null | undefined, string | null>;
  assigned_label: ColumnType<string | null, string | null | undefined, string | null>;
  assigned_at: ColumnType<string | null, string | null | undefined, string | null>;
  /** When this stay's deadline breach was announced (`case.sla_breached`): once per stay. */
  sla_breached_at: ColumnType<string | null, string | null | undefined, string | null>;
};

export type CustomerIndexTable = {
  customer_id: BigIntKey;
  name: string | null;
  name_lower: string | null;
  reference_id: string | null;
  reference_id_lower: string | null;
  status: string | null;
  risk_rating: string | null;
  synced_at: string;
};

export type SyncStateTable = {
  name: string;
  status: 'running' | 'done' | 'failed';
  next_page: number;
  started_at: string;
  updated_at: string;
  finished_at: string | null;
  customers_done: number;
  documents_done: number;
  last_error: string | null;
  /** 1 once the run met a customer record without a usable id: it must drop no stale rows. */
  sweep_skipped: ColumnType<number, number | undefined, number>;
  /** When the last complete run finished, and how long it took (ms): kept through later runs. */
  last_success_at: ColumnType<string | null, string | null | undefined, string | null>;
  last_success_ms: ColumnType<number | null, number | null | undefined, number | null>;
};

export type DocumentClaimsTable = {
  customer_id: BigIntKey;
  document_id: BigIntKey;
  user_id: string;
  /** Name or email, as others see it. */
  user_label: string;
  claimed_at: string;
  expires_at: string;
};

/** One row per document on which a decision (or its settling) is under way, on any instance. */
export type DecisionLocksTable = {
  customer_id: BigIntKey;
  document_id: BigIntKey;
  /** A decision's own random token, or the attempt id while an unknown outcome waits to be settled. */
  holder: string;
  purpose: 'decision' | 'settling';
  acquired_at: string;
  /** Past this time the lock is free (its holder crashed or its window ended). */
  expires_at: string;
};

/** Failed sign-ins per account and per client address, shared by every instance (lib/auth/throttle.ts). */
export type SignInThrottleTable = {
  /** `account:<email>` or `client:<address>`. */
  key: string;
  /** Attempts counted since the count last went quiet; reserved before the password is checked. */
  failures: number;
  last_attempt_at: string;
  /** While in the future, attempts on this key are refused before any password is checked. */
  blocked_until: string | null;
};

/** A fleet-wide lease on SQLite, held by one process until released or expired (lib/db/lease.ts). */
export type LeasesTable = {
  name: string;
  holder: string;
  acquired_at: string;
  /** Past this time the lease is free: its holder stopped renewing it (crashed or hung). */
  expires_at: string;
};

/** A document drawn for QA review (SPEC §11), and the reviewer's verdict once given. */
export type QaSamplesTable = {
  /** The UTC day whose automated passes it was drawn from, YYYY-MM-DD. */
  day: string;
  customer_id: BigIntKey;
  document_id: BigIntKey;
  /** The seed the day's draw was made with: the draw is reproducible from it. */
  seed: string;
  percent: number;
  drawn_at: string;
  verdict: 'agree' | 'disagree' | null;
  verdict_by: string | null;
  verdict_at: string | null;
  /** The attempt or proposal a Disagree was recorded with (null for Agree). */
  verdict_ref: string | null;
};

/** One per sign-in (SPEC §13). */
export type SessionsTable = {
  id: string;
  user_id: string;
  method: 'password' | 'oidc';
  created_at: string;
  client_address: string | null;
  user_agent: string | null;
  /** When a second factor was last verified on this session; null: none yet (pending, where one is needed). */
  second_factor_at: string | null;
  /** When the person last proved who they are here: sign-in, a factor, a step-up. Step-up is judged by it. */
  confirmed_at: string;
  ended_at: string | null;
  /** Updated at most once a minute by the gate; null until then (the session was last seen when it began). */
  last_seen_at: ColumnType<string | null, string | null | undefined, string | null>;
  /** An authenticator-app secret offered for enrolment on this session (encrypted), until it is turned on. */
  totp_enrolment: string | null;
  webauthn_challenge: string | null;
  webauthn_challenge_expires_at: string | null;
};

export type MfaFactorsTable = {
  id: string;
  user_id: string;
  kind: 'totp' | 'webauthn';
  name: string;
  /** TOTP: the shared secret, encrypted (lib/auth/secret-box.ts). */
  secret: string | null;
  /** TOTP: the last time step accepted; a code is taken once. */
  last_step: number | string | null;
  /** WebAuthn: the credential's id and public key (base64url), signature counter, transports (JSON). */
  credential_id: string | null;
  public_key: string | null;
  counter: number | string | null;
  transports: string | null;
  created_at: string;
  last_used_at: string | null;
};

export type MfaRecoveryCodesTable = {
  user_id: string;
  /** sha256 of the normalised code, hex: the codes are random, long and single-use. */
  code_hash: string;
  created_at: string;
  used_at: string | null;
};

export type Database = {
  users: UsersTable;
  audit_events: AuditEventsTable;
  override_proposals: OverrideProposalsTable;
  audit_chain_head: AuditChainHeadTable;
  document_index: DocumentIndexTable;
  customer_index: CustomerIndexTable;
  sync_state: SyncStateTable;
  document_claims: DocumentClaimsTable;
  decision_locks: DecisionLocksTable;
  sign_in_throttle: SignInThrottleTable;
  leases: LeasesTable;
  qa_samples: QaSamplesTable;
  sessions: SessionsTable;
  mfa_factors: MfaFactorsTable;
  mfa_recovery_codes: MfaRecoveryCodesTable;
  evidence_access: EvidenceAccessTable;
  evidence_limits: EvidenceLimitsTable;
  outbox_events: OutboxEventsTable;
  webhook_endpoints: WebhookEndpointsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  notification_settings: NotificationSettingsTable;
  mail_digest_items: MailDigestItemsTable;
};

/** An announced audit event (lib/audit/outbox.ts): `id` orders the outbox and is the webhook-id. */
export type OutboxEventsTable = {
  id: string;
  type: string;
  audit_event_id: string;
  customer_id: number | string | null;
  document_id: number | string | null;
  occurred_at: string;
  /** The payload's `data`, without the reason text. */
  payload_json: string;
  /** Sent only to endpoints that opted in. */
  reason_text: string | null;
  mail_status: ColumnType<string | null, string | null | undefined, string | null>;
  mail_claimed_by: ColumnType<string | null, string | null | undefined, string | null>;
  mail_claimed_until: ColumnType<string | null, string | null | undefined, string | null>;
};

export type NotificationSettingsTable = {
  user_id: string;
  /** Comma-wrapped mail kinds the person turned off (`,proposal,overdue,`). */
  mail_off: ColumnType<string, string | undefined, string>;
  digest_sent_at: ColumnType<string | null, string | null | undefined, string | null>;
};

export type MailDigestItemsTable = {
  id: string;
  user_id: string;
  event_id: string;
  customer_id: number | string;
  document_id: number | string;
  due_at: string | null;
  created_at: string;
  sent_at: ColumnType<string | null, string | null | undefined, string | null>;
};

export type WebhookEndpointsTable = {
  id: string;
  url: string;
  secret: string;
  event_types: string;
  include_reason_text: ColumnType<number, number | undefined, number>;
  enabled: ColumnType<number, number | undefined, number>;
  disabled_reason: string | null;
  /** The first failure of the current run of failures; null once one succeeds. */
  failing_since: string | null;
  created_at: string;
  created_by: string;
};

export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'failed';

export type WebhookDeliveriesTable = {
  id: string;
  endpoint_id: string;
  event_id: string;
  event_order: string;
  document_key: string | null;
  status: WebhookDeliveryStatus;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: string;
  claimed_by: string | null;
  claimed_until: string | null;
  last_status: number | null;
  last_error: string | null;
  last_attempt_at: string | null;
  created_at: string;
  delivered_at: string | null;
};

/** One person's access to one document's evidence (lib/evidence-access). */
export type EvidenceAccessTable = {
  user_id: string;
  customer_id: number | string;
  document_id: number | string;
  /** Last pulled (viewed or read ahead): the fair-use limit counts documents by it. */
  touched_at: string | null;
  /** Last opened on a review screen: images are served behind it. */
  viewed_at: string | null;
  /** When the last `evidence.viewed` was recorded: views within the coalescing window add none. */
  view_recorded_at: string | null;
  /** When the last `evidence.denied` was recorded, coalesced the same way. */
  denial_recorded_at: string | null;
};

export type EvidenceLimitsTable = {
  user_id: string;
  /** When `evidence.rate_limited` was last recorded for the person: once per window. */
  recorded_at: string;
};

export type UserRow = Selectable<UsersTable>;
export type AuditEventRow = Selectable<AuditEventsTable>;
export type NewAuditEventRow = Insertable<AuditEventsTable>;
