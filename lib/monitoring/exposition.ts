import 'server-only';
import { Gauge } from 'prom-client';
import { getDb } from '@/lib/db';
import { readSyncStatus } from '@/lib/document-index/sync';
import { getEnv } from '@/lib/env';
import { errorText, logger } from '@/lib/log';
import { outboxFigures } from '@/lib/notifications/delivery';
import { countTabs } from '@/lib/queue/query';
import { secretMatches } from '@/lib/security/secret-match';
import { metrics, type ConsoleMetrics } from '@/lib/metrics';

/**
 * Gauges read from the shared database at each scrape, so every instance reports the fleet's
 * figures (the queue, the last sync by whichever process ran it). A database that does not
 * answer leaves them without samples for that scrape; the process metrics still go out.
 */
function registerFleetGauges(m: ConsoleMetrics): void {
  // Gauges are collected side by side: they share one read of the database per scrape.
  let read: { at: number; figures: Promise<FleetFigures | undefined> } | undefined;
  const figures = () => {
    if (!read || Date.now() - read.at > 1_000) read = { at: Date.now(), figures: readFleetFigures() };
    return read.figures;
  };
  const registers = [m.registry];
  new Gauge({
    name: 'lrc_queue_documents',
    help: 'Documents in each queue tab (queue, escalated, decided, proposals, qa awaiting a verdict), from the database.',
    labelNames: ['tab'] as const,
    registers,
    async collect() {
      this.reset();
      for (const [tab, n] of Object.entries((await figures())?.tabs ?? {})) this.set({ tab }, n);
    },
  });
  /** A gauge of one figure of the shared read; none for this scrape when the read or the figure is missing. */
  const fleetGauge = (name: string, help: string, value: (read: FleetFigures) => number | undefined) =>
    new Gauge({
      name,
      help,
      registers,
      async collect() {
        this.reset();
        const read = await figures();
        const figure = read && value(read);
        if (figure !== undefined) this.set(figure);
      },
    });
  fleetGauge(
    'lrc_review_overdue_documents',
    'Documents in the review queue past their due time (REVIEW_SLA_HOURS after they entered it), from the database.',
    (f) => f.overdue,
  );
  fleetGauge('lrc_sync_last_success_timestamp_seconds', 'When the last complete sync of the document index finished (Unix time).', (f) =>
    f.lastSync ? Date.parse(f.lastSync.at) / 1000 : undefined,
  );
  fleetGauge('lrc_sync_last_duration_seconds', 'How long the last complete sync of the document index took.', (f) =>
    f.lastSync ? f.lastSync.ms / 1000 : undefined,
  );
  fleetGauge(
    'lrc_webhook_outbox_pending',
    'Webhook deliveries owed (not yet delivered, not given up), fleet-wide, from the database.',
    (f) => f.outbox.pending,
  );
  fleetGauge(
    'lrc_webhook_oldest_pending_seconds',
    'Age of the oldest webhook delivery still owed (0 when none), from the database.',
    (f) => f.outbox.oldestSeconds,
  );
  new Gauge({
    name: 'lrc_database_up',
    help: '1 when the database answered this scrape, 0 when not.',
    registers,
    async collect() {
      this.set((await figures()) ? 1 : 0);
    },
  });
}

type FleetFigures = {
  tabs: Record<string, number>;
  overdue: number;
  lastSync: { at: string; ms: number } | undefined;
  outbox: { pending: number; oldestSeconds: number };
};

async function readFleetFigures(): Promise<FleetFigures | undefined> {
  try {
    const db = await getDb();
    const [{ tabs, overdue }, sync, outbox] = await Promise.all([countTabs(db, getEnv().reviewSlaHours), readSyncStatus(db), outboxFigures(db)]);
    return { tabs, overdue, lastSync: sync?.lastSuccess, outbox };
  } catch (error) {
    logger('metrics').warn({ error: errorText(error) }, 'fleet gauges not read: the database did not answer');
    return undefined;
  }
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
