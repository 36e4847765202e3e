import 'server-only';
import { sql } from 'kysely';
import { getArtemis } from '@/lib/artemis';
import { getDb } from '@/lib/db';
import { MIGRATION_NAMES } from '@/lib/db/migrations';
import { errorText, logger } from '@/lib/log';
import { isDraining } from '@/lib/shutdown';

/**
 * The readiness probe (/api/ready): this instance may take traffic when it is not shutting
 * down, the database answers with every migration this build knows applied, and a token for
 * Artemis can be had. The token check's result is kept for a short while, so probes cost
 * Artemis nothing while a token is cached and at most one token request per interval when not.
 */

type Check = 'ok' | 'failing';
export type Readiness = { ready: boolean; status: 'ready' | 'unready' | 'stopping'; checks: { database: Check; artemis: Check } };

/** A probe answers within this, whatever hangs behind it. */
const CHECK_TIMEOUT_MS = 2_000;
const ARTEMIS_CHECK_TTL_MS = 10_000;

type ProbeCache = { artemis?: { result: Promise<Check>; at: number } };

declare global {
  // One cache per process, shared by Next's separate server bundles.
  var __consoleProbeCache: ProbeCache | undefined;
}

const cache: ProbeCache = (globalThis.__consoleProbeCache ??= {});

function withinTimeout(check: () => Promise<void>, name: string): Promise<Check> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  return Promise.race([check(), timeout])
    .then((): Check => 'ok')
    .catch((error: unknown): Check => {
      logger('readiness').warn({ check: name, error: errorText(error) }, 'readiness check failing');
      return 'failing';
    })
    .finally(() => clearTimeout(timer));
}

async function databaseReady(): Promise<void> {
  const db = await getDb();
  // Kysely's own bookkeeping table: a newer build may have migrated further, never less far.
  const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name desc limit 1`.execute(db);
  const latest = rows[0]?.name ?? '';
  if (latest < MIGRATION_NAMES.at(-1)!) throw new Error('migrations pending');
}

function artemisReady(now = Date.now()): Promise<Check> {
  if (!cache.artemis || now - cache.artemis.at > ARTEMIS_CHECK_TTL_MS) {
    cache.artemis = { at: now, result: withinTimeout(async () => (await getArtemis()).obtainToken(), 'artemis') };
  }
  return cache.artemis.result;
}

export async function readiness(): Promise<Readiness> {
  const [database, artemis] = await Promise.all([withinTimeout(databaseReady, 'database'), artemisReady()]);
  const ready = database === 'ok' && artemis === 'ok' && !isDraining();
  return { ready, status: isDraining() ? 'stopping' : ready ? 'ready' : 'unready', checks: { database, artemis } };
}
