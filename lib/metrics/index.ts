import 'server-only';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The console's Prometheus metrics, one registry per process (served at /api/metrics). Counters
 * here are this instance's own; the gauges read from the shared database (queue size, sync
 * age) are added when they are scraped (lib/monitoring/exposition.ts).
 */

function create() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'lrc_' });
  const registers = [registry];
  return {
    registry,
    artemisCalls: new Counter({
      name: 'lrc_artemis_requests_total',
      help: 'Exchanges with Artemis (each attempt, token requests included), by operation and outcome (2xx, 4xx, 5xx, timeout, network).',
      labelNames: ['operation', 'outcome'] as const,
      registers,
    }),
    artemisDuration: new Histogram({
      name: 'lrc_artemis_request_duration_seconds',
      help: 'Duration of each exchange with Artemis, by operation and outcome.',
      labelNames: ['operation', 'outcome'] as const,
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
      registers,
    }),
    decisions: new Counter({
      name: 'lrc_decisions_total',
      help: 'Decision outcomes recorded in the audit trail: applied, not_applied, unknown, conflict, proposal.',
      labelNames: ['outcome'] as const,
      registers,
    }),
    signInFailures: new Counter({ name: 'lrc_sign_in_failures_total', help: 'Failed sign-ins (auth.sign_in_failed events).', registers }),
    signInLockouts: new Counter({ name: 'lrc_sign_in_lockouts_total', help: 'Sign-in lockouts (auth.locked_out events).', registers }),
    evidenceRateLimited: new Counter({
      name: 'lrc_evidence_rate_limited_total',
      help: 'Review screens refused under the fair-use limit on documents opened (EVIDENCE_DOCUMENTS_PER_10_MINUTES).',
      registers,
    }),
    webhookDeliveries: new Counter({
      name: 'lrc_webhook_deliveries_total',
      help: 'Webhook delivery attempts this instance made, by result: delivered, retry (to be tried again), failed (stopped or given up).',
      labelNames: ['result'] as const,
      registers,
    }),
    syncSkipped: new Counter({
      name: 'lrc_sync_skipped_total',
      help: 'Syncs of the document index this instance skipped because another process held the sync lease.',
      registers,
    }),
  };
}

export type ConsoleMetrics = ReturnType<typeof create>;

declare global {
  // One registry per process, shared by Next's separate server bundles.
  var __consoleMetrics: ConsoleMetrics | undefined;
}

export function metrics(): ConsoleMetrics {
  globalThis.__consoleMetrics ??= create();
  return globalThis.__consoleMetrics;
}

/** Records one exchange with Artemis (the client's `observe` hook). */
export function observeArtemisCall(call: { operation: string; outcome: string; ms: number }): void {
  const m = metrics();
  const labels = { operation: call.operation, outcome: call.outcome };
  m.artemisCalls.inc(labels);
  m.artemisDuration.observe(labels, call.ms / 1000);
}
