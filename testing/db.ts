/**
 * Test helpers: throw-away databases of either dialect. Not used by the application.
 *
 * PostgreSQL tests run against PG_TEST_URL, each in a schema of its own (selected with
 * `search_path` in the connection URL) that is dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { afterEach, beforeEach, describe } from 'vitest';
import { createDatabase, type Database, type DialectName } from '@/lib/db';

const PG_TEST_URL = 'postgres://postgres@127.0.0.1:5432/test';

let reachable: Promise<boolean> | undefined;

/** Whether the test PostgreSQL server answers (checked once per process). */
function postgresAvailable(): Promise<boolean> {
  reachable ??= (async () => {
    const client = new pg.Client({ connectionString: PG_TEST_URL, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query('select 1');
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  })();
  return reachable;
}

export type TestDatabase = {
  kind: DialectName;
  /** A migrated database, empty apart from its schema. */
  db: Kysely<Database>;
  /** Where it lives, for other instances or processes. */
  location: { sqlitePath?: string; databaseUrl?: string };
  /** Opens another, independent instance on the same database (closed by `cleanup`). */
  open(): Promise<Kysely<Database>>;
  cleanup(): Promise<void>;
};

export async function createTestDatabase(kind: DialectName): Promise<TestDatabase> {
  const opened: Kysely<Database>[] = [];
  const track = async (p: Promise<Kysely<Database>>) => {
    const db = await p;
    opened.push(db);
    return db;
  };
  const closeAll = () => Promise.all(opened.map((db) => db.destroy().catch(() => undefined)));

  if (kind === 'sqlite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'lrc-db-'));
    const sqlitePath = path.join(dir, 'console.db');
    const open = () => track(createDatabase({ sqlitePath }));
    const cleanup = async () => {
      await closeAll();
      rmSync(dir, { recursive: true, force: true });
    };
    try {
      return { kind, db: await open(), location: { sqlitePath }, open, cleanup };
    } catch (err) {
      await cleanup();
      throw err;
    }
  }

  const schema = `lrc_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_TEST_URL });
  await admin.connect();
  try {
    await admin.query(`create schema ${schema}`);
  } finally {
    await admin.end();
  }
  const url = new URL(PG_TEST_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const databaseUrl = url.toString();
  const open = () => track(createDatabase({ databaseUrl }));
  const cleanup = async () => {
    await closeAll();
    const client = new pg.Client({ connectionString: PG_TEST_URL });
    await client.connect();
    try {
      await client.query(`drop schema if exists ${schema} cascade`);
    } finally {
      await client.end();
    }
  };
  let db: Kysely<Database>;
  try {
    db = await open();
  } catch (err) {
    await cleanup();
    throw err;
  }
  return { kind, db, location: { databaseUrl }, open, cleanup };
}

/**
 * The dialects to run a suite on: SQLite always, PostgreSQL when reachable (otherwise a clear
 * warning, once per file, says those tests are skipped).
 */
export async function testDialects(): Promise<{ kind: DialectName; available: boolean }[]> {
  const pgUp = await postgresAvailable();
  if (!pgUp) {
    console.warn(`PostgreSQL is not reachable at ${PG_TEST_URL}: the PostgreSQL variants of these tests are skipped.`);
  }
  return [
    { kind: 'sqlite', available: true },
    { kind: 'postgres', available: pgUp },
  ];
}

/**
 * Declares `suite` once per dialect (PostgreSQL only when reachable), each of its tests on a
 * fresh migrated database, which `database()` returns.
 */
export async function describeEachDialect(title: string, suite: (database: () => TestDatabase, kind: DialectName) => void): Promise<void> {
  for (const { kind, available } of await testDialects()) {
    describe.skipIf(!available)(`${title} (${kind})`, () => {
      let t: TestDatabase | undefined;
      beforeEach(async () => {
        t = await createTestDatabase(kind);
      });
      afterEach(async () => {
        await t?.cleanup();
        t = undefined;
      });
      suite(() => t!, kind);
    });
  }
}
