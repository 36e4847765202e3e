import path from 'node:path';
import Database from 'better-sqlite3';
import { E2E } from './config';

export type AuditRow = { action: string; actor_email: string; before_json: string | null; after_json: string | null; detail_json: string | null };

/** Reads the app's audit trail straight from its SQLite file (read-only), as an investigator would. */
export function auditEvents(filter: { action?: string; since?: number } = {}): (AuditRow & { seq: number })[] {
  const db = new Database(path.join(E2E.dataDir, 'console.db'), { readonly: true, fileMustExist: true });
  try {
    const rows = db
      .prepare('select seq, action, actor_email, before_json, after_json, detail_json from audit_events where seq > ? order by seq')
      .all(filter.since ?? 0) as (AuditRow & { seq: number })[];
    return filter.action ? rows.filter((r) => r.action === filter.action) : rows;
  } finally {
    db.close();
  }
}

export function lastAuditSeq(): number {
  return auditEvents().at(-1)?.seq ?? 0;
}

export function userByEmail(email: string): { id: string; session_version: number; role: string; status: string } | undefined {
  const db = new Database(path.join(E2E.dataDir, 'console.db'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare('select id, session_version, role, status from users where email = ?').get(email) as
      | { id: string; session_version: number; role: string; status: string }
      | undefined;
  } finally {
    db.close();
  }
}
