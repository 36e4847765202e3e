import 'server-only';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, realpathSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type SqliteDatabase } from 'kysely';
import pg from 'pg';
import { getEnv } from '@/lib/env';
import { logger } from '@/lib/log';
import { dialectOf } from './dialect';
import { migrationProvider } from './migrations';
import type { Database } from './schema';

export type { Database } from './schema';
export { dialectOf, type DialectName } from './dialect';

export type DatabaseOptions = {
  /** `postgres://…`: use PostgreSQL. Takes precedence over `sqlitePath`. */
  databaseUrl?: string;
  /** SQLite file; its folder is created if missing. */
  sqlitePath?: string;
};

/** Serialises writers inside one process; SQLite's busy_timeout covers other processes. */
class Mutex {
  #tail: Promise<void> = Promise.resolve();

  async run<T>(fn: () => Promise<T>): Promise<T> {
    const previous = this.#tail;
    let release!: () => void;
    this.#tail = new Promise<void>((resolve) => {
      release = resolve;
    });
    await previous;
    try {
      return await fn();
    } finally {
      release();
    }
  }
}

type Registry = {
  /** One write lock per SQLite file, shared by every Kysely instance of this process on it. */
  sqliteFileLocks: Map<string, Mutex>;
  /** Root SQLite instances → the lock of their file. */
  sqliteLocks: WeakMap<object, Mutex>;
  /** Connection-bound instances handed to a `writeTransaction` callback (already inside one). */
  insideWriteTransaction: WeakSet<object>;
  singleton?: Promise<Kysely<Database>>;
};

const REGISTRY_KEY = Symbol.for('liveness-review-console.db');
const registry: Registry =
  ((globalThis as Record<symbol, unknown>)[REGISTRY_KEY] as Registry | undefined) ??
  ((globalThis as Record<symbol, unknown>)[REGISTRY_KEY] = {
    sqliteFileLocks: new Map(),
    sqliteLocks: new WeakMap(),
    insideWriteTransaction: new WeakSet(),
  } satisfies Registry);
const { sqliteLocks, insideWriteTransaction } = registry;

const CACHED_STATEMENTS = 500;

/**
 * Kysely prepares every query it runs, and better-sqlite3 compiles SQL on every prepare, a large
 * share of a page's database time. The console runs a few dozen distinct statements, so each is
 * compiled once and kept (the oldest dropped past a bound, since `in`
 * lists vary in length). A cached statement still being iterated by a stream is busy; a second
 * use of the same SQL then gets a fresh one.
 */
function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql) {
      const cached = cache.get(sql);
      if (cached && !cached.busy) return cached;
      const statement = sqlite.prepare(sql);
      if (!cached) {
        if (cache.size >= CACHED_STATEMENTS) cache.delete(cache.keys().next().value!);
        cache.set(sql, statement);
      }
      return statement;
    },
  };
}

/**
 * Opens a database, applies pending migrations and returns it. The caller owns it and must
 * `destroy()` it. Used by tests and the CLIs; the app uses `getDb()`.
 */
export async function createDatabase(options: DatabaseOptions = {}): Promise<Kysely<Database>> {
  let db: Kysely<Database>;
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    // An idle client losing its connection must not crash the process; the next query reconnects.
    pool.on('error', (err) => {
      logger('database').error({ error: err.message }, 'PostgreSQL pool error');
    });
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  } else {
    // The data folder is configuration, not part of the build: keep it out of file tracing.
    const file = path.resolve(/*turbopackIgnore: true*/ options.sqlitePath ?? path.join(getEnv().dataDir, 'console.db'));
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    keepPrivate(file);
    const sqlite = new SQLite(file);
    try {
      sqlite.pragma('busy_timeout = 5000');
      await switchToWal(sqlite);
      sqlite.pragma('foreign_keys = ON');
    } catch (err) {
      sqlite.close();
      throw err;
    }
    db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
    const key = realpathSync(/*turbopackIgnore: true*/ file);
    let lock = registry.sqliteFileLocks.get(key);
    if (!lock) registry.sqliteFileLocks.set(key, (lock = new Mutex()));
    sqliteLocks.set(db, lock);
  }

  try {
    await migrate(db);
  } catch (err) {
    await db.destroy().catch(() => undefined);
    throw err;
  }
  return db;
}

/**
 * Two instances starting together on a new file both switch it to WAL; the loser of that race
 * gets SQLITE_BUSY at once, which its busy timeout does not cover, so it waits and tries again.
 */
async function switchToWal(sqlite: SQLite.Database): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      sqlite.pragma('journal_mode = WAL');
      return;
    } catch (err) {
      if (attempt >= 40 || (err as { code?: unknown }).code !== 'SQLITE_BUSY') throw err;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/**
 * The database holds password hashes and the audit trail: readable by this user only. SQLite
 * creates the WAL and shared-memory files with the database file's mode; ones left by an
 * earlier version are tightened as well.
 */
function keepPrivate(file: string): void {
  closeSync(openSync(/*turbopackIgnore: true*/ file, 'a', 0o600));
  for (const name of [file, `${file}-wal`, `${file}-shm`]) {
    if (existsSync(/*turbopackIgnore: true*/ name)) chmodSync(/*turbopackIgnore: true*/ name, 0o600);
  }
}

function otherSchemaVanished(err: unknown, ours: string): boolean {
  const cause = err instanceof Error ? (err.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  return cause?.code === '3F000' && typeof cause.message === 'string' && !cause.message.includes(`"${ours}"`);
}

async function migrate(db: Kysely<Database>): Promise<void> {
  const run = async (target: Kysely<Database>, migrationTableSchema?: string) => {
    const migrator = new Migrator({ db: target, provider: migrationProvider, migrationTableSchema });
    const { error, results } = await migrator.migrateToLatest();
    if (error) {
      const failed = results?.find((r) => r.status === 'Error')?.migrationName;
      const detail = error instanceof Error ? error.message : String(error);
      throw new Error(`Database migration${failed ? ` ${failed}` : ''} failed: ${detail}`, { cause: error });
    }
  };
  if (dialectOf(db) === 'sqlite') {
    // Kysely runs SQLite migrations outside a transaction; two processes starting together
    // must not both apply them, so the whole run holds SQLite's write lock.
    await writeTransaction(db, run);
  } else {
    // On PostgreSQL the Migrator takes an advisory lock and runs in a transaction. Its
    // bookkeeping tables are pinned to the schema our tables go to: unqualified, Kysely would
    // take another schema's `kysely_migration` (of another app in the same database) for ours.
    const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
    const schema = rows[0]?.schema;
    if (!schema) throw new Error('Database migration failed: no schema to create tables in (check search_path)');
    // Kysely's table check scans every schema in the database by name: another schema dropped
    // during that scan (another app's, a test's) fails it, and a second look no longer sees it.
    for (let attempt = 1; ; attempt++) {
      try {
        return await run(db, schema);
      } catch (err) {
        if (attempt >= 10 || !otherSchemaVanished(err, schema)) throw err;
        await new Promise((resolve) => setTimeout(resolve, 20 * attempt));
      }
    }
  }
}

/**
 * Runs `fn` in a transaction that holds the database's write lock from its first statement:
 * `BEGIN IMMEDIATE` on SQLite (also serialised across Kysely instances of this process on the
 * same file, since better-sqlite3 waits for locks synchronously), a normal transaction on
 * PostgreSQL. Nested calls (with the instance given to `fn`, or with a Kysely transaction)
 * simply run inside the outer transaction.
 *
 * On SQLite, every write should go through here: a plain write from a second instance in the
 * same process while another holds the lock would block the event loop until busy_timeout.
 */
export async function writeTransaction<T>(db: Kysely<Database>, fn: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  if (db.isTransaction || insideWriteTransaction.has(db)) return fn(db);
  if (dialectOf(db) === 'postgres') return db.transaction().execute(fn);

  const body = () =>
    db.connection().execute(async (conn) => {
      insideWriteTransaction.add(conn);
      await sql`begin immediate`.execute(conn);
      try {
        const result = await fn(conn);
        await sql`commit`.execute(conn);
        return result;
      } catch (err) {
        await sql`rollback`.execute(conn).catch(() => undefined);
        throw err;
      } finally {
        insideWriteTransaction.delete(conn);
      }
    });
  const lock = sqliteLocks.get(db);
  return lock ? lock.run(body) : body();
}

/** True when `err` is a unique-constraint violation (either dialect). */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/**
 * The process-wide database: `DATABASE_URL` (PostgreSQL) or `${DATA_DIR}/console.db` (SQLite),
 * opened and migrated on first use. Kept on `globalThis` so dev-server reloads share it.
 */
export function getDb(): Promise<Kysely<Database>> {
  if (!registry.singleton) {
    const env = getEnv();
    const opening = createDatabase(env.databaseUrl ? { databaseUrl: env.databaseUrl } : { sqlitePath: path.join(env.dataDir, 'console.db') });
    registry.singleton = opening;
    // A failed open (database down, bad URL) is retried on the next call rather than cached.
    opening.catch(() => {
      if (registry.singleton === opening) registry.singleton = undefined;
    });
  }
  return registry.singleton;
}

/** Closes the process-wide database (CLIs call it so the process can exit). */
export async function closeDb(): Promise<void> {
  const opening = registry.singleton;
  registry.singleton = undefined;
  if (!opening) return;
  const db = await opening.catch(() => undefined);
  await db?.destroy();
}
