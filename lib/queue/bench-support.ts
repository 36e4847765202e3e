import 'server-only';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createArtemisClient } from '@/lib/artemis/client';
import { createDatabase } from '@/lib/db';
import type { Thresholds } from '@/lib/liveness/assessment';
import { startSandbox } from '@/sandbox/server';
import { DEFAULT_FILTERS } from './filters';
import { queryQueue } from './query';
import { runFullSync, type SyncReport } from './sync';

export type FullSyncTiming = {
  sync: SyncReport;
  /** One render's worth of queue reads (first page and every count) on the filled index. */
  queueQueryMs: number;
  queueTotal: number;
};

const THRESHOLDS: Thresholds = { pass: 90, fail: 50, faceAttributeMinConfidence: 80 };

/**
 * Times a full sync from a sandbox seeded with `seed: 'scale'` (10,000 customers, 20,000
 * documents) into a fresh database, then one queue read. For `npm run bench`; equivalent by hand:
 *
 *   npm run sandbox -- --seed scale --port 4099
 *   ARTEMIS_API_URL=http://127.0.0.1:4099 ARTEMIS_TOKEN_URL=http://127.0.0.1:4099/oauth/token \
 *   ARTEMIS_CLIENT_ID=sandbox-client ARTEMIS_CLIENT_SECRET=sandbox-secret ARTEMIS_DOMAIN_ID=4242 \
 *   AUTH_SECRET=bench-secret-0123456789abcdef0123456789 DATA_DIR=/tmp/lrc-bench \
 *   time npm run sync -- --restart --concurrency 8
 */
export async function timeFullSync(
  options: { concurrency?: number; delayMs?: number; databaseUrl?: string; thresholds?: Thresholds } = {},
): Promise<FullSyncTiming> {
  const sandbox = await startSandbox({ port: 0, seed: 'scale' });
  const dir = options.databaseUrl ? undefined : mkdtempSync(path.join(tmpdir(), 'lrc-bench-'));
  const db = await createDatabase(options.databaseUrl ? { databaseUrl: options.databaseUrl } : { sqlitePath: path.join(dir!, 'console.db') });
  try {
    const artemis = createArtemisClient({
      apiUrl: sandbox.url,
      tokenUrl: `${sandbox.url}/oauth/token`,
      clientId: 'sandbox-client',
      clientSecret: 'sandbox-secret',
      domainId: '4242',
      timeoutMs: 30_000,
    });
    const thresholds = options.thresholds ?? THRESHOLDS;
    const sync = await runFullSync({ db, artemis, thresholds, concurrency: options.concurrency ?? 8, delayMs: options.delayMs ?? 0, restart: true });
    const started = performance.now();
    const page = await queryQueue(db, DEFAULT_FILTERS);
    return { sync, queueQueryMs: performance.now() - started, queueTotal: page.total };
  } finally {
    await db.destroy();
    await sandbox.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}
