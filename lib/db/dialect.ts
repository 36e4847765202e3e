import 'server-only';
import type { QueryExecutor } from 'kysely';

export type DialectName = 'sqlite' | 'postgres';

/**
 * Which database a Kysely instance (or a transaction / connection derived from it) talks to.
 * Asks the adapter what it can do rather than `instanceof PostgresAdapter`: Next bundles Kysely
 * into more than one server chunk, and a class from one copy does not match an instance made
 * by another (SQL for SQLite was sent to PostgreSQL). Of the two databases the console
 * supports, only PostgreSQL has transactional DDL.
 */
export function dialectOf(db: { getExecutor(): QueryExecutor }): DialectName {
  return db.getExecutor().adapter.supportsTransactionalDdl ? 'postgres' : 'sqlite';
}
