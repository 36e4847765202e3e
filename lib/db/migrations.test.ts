import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Database } from '@/lib/db';
import type { AuditAction } from '@/lib/audit/actions';
import { recordAuditEvent } from '@/lib/audit/trail';
import { verifyAuditChain } from '@/lib/audit/verify';
import { migrationProvider } from './migrations';

const rita = { id: 'u-r', email: 'rita@example.test', role: 'reviewer' };

describe('the one-outcome index on a trail written before it', () => {
  it('keeps two outcomes an older console wrote for one attempt, and refuses any from then on', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lrc-migrate-'));
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: new SQLite(path.join(dir, 'console.db')) }) });
    try {
      const migrator = new Migrator({ db, provider: migrationProvider });
      expect((await migrator.migrateTo('0041_document_index_facets')).error).toBeUndefined();
      const event = (action: AuditAction, correlationId?: string) => recordAuditEvent({ action, actor: rita, customerId: 1, documentId: 2, correlationId }, db);
      // As a console of that schema wrote them, before there was an outbox: given a time, an append announces nothing.
      const olderEvent = (action: AuditAction, correlationId?: string) =>
        recordAuditEvent({ action, actor: rita, customerId: 1, documentId: 2, correlationId }, db, new Date());
      const old = await olderEvent('override.attempted');
      await olderEvent('override.not_applied', old.id);
      await olderEvent('override.applied', old.id);

      // The migration goes through: the old pair stays as the evidence it is.
      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      const fresh = await event('override.attempted');
      await event('override.failed', fresh.id);
      await expect(event('override.applied', fresh.id)).rejects.toThrow();
      expect(await verifyAuditChain(db)).toEqual({ ok: true, count: 5 });
    } finally {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
