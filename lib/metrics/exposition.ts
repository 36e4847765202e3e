import 'server-only';
import { Gauge } from 'prom-client';
import { getDb } from '@/lib/db';
import { readSyncStatus } from '@/lib/document-index/sync';
import { getEnv } from '@/lib/env';
import { errorText, logger } from '@/lib/log';
import { countTabs } from '@/lib/queue/query';
import { secretMatches } from '@/lib/security/secret-match';
import { metrics, type ConsoleMetrics } from './index';

/**
 * Gauges read from the shared database at each scrape, so every instance reports the fleet's
 * figures (the queue, the last sync by whichever process ran it). A database that does not
 * answer leaves them without samples for that scrape; the process metrics still go out.
 */
function registerFleetGauges(m: ConsoleMetrics): void {
  const registers = [m.registry];
  const queue = new Gauge({ name: 'lrc_queue_documents', help: 'Documents in each queue tab (queue, decided, proposals), from the index.', labelNames: ['tab'] as const, registers });
  const lastSuccess = new Gauge({ name: 'lrc_sync_last_success_timestamp_seconds', help: 'When the last complete sync of the document index finished (Unix time).', registers });
  const lastDuration = new Gauge({ name: 'lrc_sync_last_duration_seconds', help: 'How long the last complete sync of the document index took.', registers });
  const databaseUp = new Gauge({
    name: 'lrc_database_up',
    help: '1 when the database answered this scrape, 0 when not.',
    registers,
    async collect() {
      queue.reset();
      lastSuccess.reset();
      lastDuration.reset();
      try {
        const db = await getDb();
        const [tabs, sync] = await Promise.all([countTabs(db), readSyncStatus(db)]);
        for (const [tab, n] of Object.entries(tabs)) queue.set({ tab }, n);
        if (sync?.status === 'done' && sync.finishedAt) {
          const finished = Date.parse(sync.finishedAt);
          lastSuccess.set(finished / 1000);
          lastDuration.set((finished - Date.parse(sync.startedAt)) / 1000);
        }
        this.set(1);
      } catch (error) {
        logger('metrics').warn({ error: errorText(error) }, 'fleet gauges not read: the database did not answer');
        this.set(0);
      }
    },
  });
  void databaseUp;
}

const plain = (status: number, text: string, headers: Record<string, string> = {}) =>
  new Response(text, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...headers } });

/**
 * GET /api/metrics: Prometheus exposition for a scraper holding METRICS_TOKEN as its bearer
 * token. Without the variable the route does not exist (404); a wrong or missing token is 401.
 */
export async function metricsResponse(request: Request): Promise<Response> {
  const token = getEnv().metricsToken;
  if (!token) return plain(404, 'Not Found');
  const given = /^Bearer (.+)$/i.exec(request.headers.get('authorization') ?? '')?.[1] ?? '';
  if (!secretMatches(given, token)) return plain(401, 'Unauthorized', { 'www-authenticate': 'Bearer' });
  const m = metrics();
  if (!m.registry.getSingleMetric('lrc_database_up')) registerFleetGauges(m);
  return plain(200, await m.registry.metrics(), { 'content-type': m.registry.contentType });
}
