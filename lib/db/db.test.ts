import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDb, createDatabase, dialectOf, getDb, writeTransaction } from './index';
import { MIGRATION_NAMES } from './migrations';
import { createTestDatabase, testDialects, type TestDatabase } from '@/testing/db';

describe('getDb (SQLite from DATA_DIR)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'lrc-getdb-'));
  const dataDir = path.join(dir, 'nested', 'data');
  // This file runs in its own worker process: configure it before lib/env parses process.env.
  process.env.DATA_DIR = dataDir;
  delete process.env.DATABASE_URL;
  delete process.env.ARTEMIS_API_URL;

  afterAll(async () => {
    await closeDb();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates the data folder, opens console.db in WAL mode, and is a process-wide singleton', async () => {
    const [a, b] = await Promise.all([getDb(), getDb()]);
    expect(a).toBe(b);
    expect(existsSync(path.join(dataDir, 'console.db'))).toBe(true);
    expect(dialectOf(a)).toBe('sqlite');
    const pragma = async (name: string) => Object.values((await sql.raw<Record<string, unknown>>(`pragma ${name}`).execute(a)).rows[0]!)[0];
    expect(await pragma('journal_mode')).toBe('wal');
    expect(await pragma('busy_timeout')).toBe(5000);
    expect(await pragma('foreign_keys')).toBe(1);
    expect(await getDb()).toBe(a);
    // Password hashes and the trail live here: only this user may read the file, its WAL and SHM.
    await a.selectFrom('users').select('id').execute();
    for (const name of ['console.db', 'console.db-wal', 'console.db-shm']) {
      expect(statSync(path.join(dataDir, name)).mode & 0o777, name).toBe(0o600);
    }

    await closeDb();
    const c = await getDb();
    expect(c).not.toBe(a);
    expect(await c.selectFrom('users').select('id').execute()).toEqual([]);
  });
});

for (const { kind, available } of await testDialects()) {
  describe.skipIf(!available)(`database on ${kind}`, () => {
    let t: TestDatabase;
    beforeEach(async () => {
      t = await createTestDatabase(kind);
    });
    afterEach(async () => {
      await t?.cleanup();
    });

    it('reports its dialect, also for transactions', async () => {
      expect(dialectOf(t.db)).toBe(kind);
      await writeTransaction(t.db, async (trx) => expect(dialectOf(trx)).toBe(kind));
      await t.db.transaction().execute(async (trx) => expect(dialectOf(trx)).toBe(kind));
    });

    it('applies every migration once; reopening is a no-op', async () => {
      const names = async () => (await sql<{ name: string }>`select name from kysely_migration order by name`.execute(t.db)).rows.map((r) => r.name);
      expect(await names()).toEqual(MIGRATION_NAMES);
      const again = await t.open();
      expect(await names()).toEqual(MIGRATION_NAMES);
      expect(await again.selectFrom('audit_events').select('seq').execute()).toEqual([]);
    });

    it('instances opening an empty database at the same time migrate it once', async () => {
      const fresh = await createTestDatabase(kind);
      try {
        // A second database, opened by several instances at once before anything exists.
        const location = fresh.location;
        await fresh.db.destroy();
        const dbs = await Promise.all([1, 2, 3].map(() => createDatabase(location)));
        await Promise.all(dbs.map((db) => db.destroy()));
      } finally {
        await fresh.cleanup();
      }
    });

    it('writeTransaction commits, and rolls back on error', async () => {
      const row = (id: string) => ({
        id,
        email: `${id}@example.com`,
        name: null,
        role: 'reviewer' as const,
        password_hash: 'h',
        status: 'active' as const,
        created_at: 'c',
        updated_at: 'u',
      });
      await writeTransaction(t.db, (trx) => trx.insertInto('users').values(row('a')).execute());
      await expect(
        writeTransaction(t.db, async (trx) => {
          await trx.insertInto('users').values(row('b')).execute();
          // Nested calls join the outer transaction.
          await writeTransaction(trx, (inner) => inner.insertInto('users').values(row('c')).execute());
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect((await t.db.selectFrom('users').select('id').execute()).map((r) => r.id)).toEqual(['a']);
    });
  });
}
