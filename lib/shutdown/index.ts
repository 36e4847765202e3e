import 'server-only';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Env } from '@/lib/env';
import { decisionsInFlight, noDecisionInFlight } from '@/lib/in-flight';
import { inRequestContext, logger } from '@/lib/log';

/**
 * Graceful shutdown. On SIGTERM or SIGINT the process stops taking requests (the listening
 * sockets close; a request on a kept-alive connection gets 503), stops the background sync,
 * waits up to SHUTDOWN_GRACE_SECONDS for decisions in flight to record their outcome event and
 * for requests under way to be answered, then closes the database and exits. A decision cut
 * off at the limit stays an attempt without an outcome, which settling resolves later.
 */

type ShutdownState = { servers: Set<Server>; draining: boolean; installed: boolean };

declare global {
  // One state per process, shared by Next's separate server bundles.
  var __consoleShutdown: ShutdownState | undefined;
}

const state: ShutdownState = (globalThis.__consoleShutdown ??= { servers: new Set(), draining: false, installed: false });

/** True once a shutdown has begun: the readiness probe answers 503. */
export function isDraining(): boolean {
  return state.draining;
}

type Emit = (event: string | symbol, ...args: unknown[]) => boolean;
const HOOKED = Symbol.for('liveness-review-console.server-hooked');

/**
 * Makes a server class run each request in its request context (the log's request id) and
 * remember the servers in use, so that a shutdown can close them; once draining, a request
 * that still arrives is refused.
 */
export function hookServerRequests(
  serverClass: { prototype: { emit(event: string | symbol, ...args: unknown[]): boolean } },
  trustIncomingRequestId: () => boolean,
): void {
  const proto = serverClass.prototype as { emit: Emit } & Record<symbol, unknown>;
  if (proto[HOOKED]) return;
  const emit = proto.emit;
  proto.emit = function (this: Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event !== 'request') return emit.call(this, event, ...args);
    state.servers.add(this);
    const [request, response] = args as [IncomingMessage, ServerResponse];
    if (state.draining) {
      response.writeHead(503, { 'content-type': 'text/plain', connection: 'close', 'cache-control': 'no-store' }).end('Shutting down');
      return true;
    }
    return inRequestContext(request, response, trustIncomingRequestId, () => emit.call(this, event, ...args));
  };
  proto[HOOKED] = true;
}

const sleep = (ms: number) => new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), ms).unref());

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}

async function shutDown(signal: NodeJS.Signals, graceSeconds: number): Promise<void> {
  const log = logger('shutdown');
  state.draining = true;
  log.info({ signal, decisionsInFlight: decisionsInFlight(), graceSeconds }, 'shutting down: no new requests; waiting for decisions in flight');
  const [{ stopBackgroundSync }, { closeDb }] = await Promise.all([import('@/lib/document-index/background'), import('@/lib/db')]);
  stopBackgroundSync();
  const drained = Promise.all([noDecisionInFlight(), ...[...state.servers].map(closeServer)]).then(() => 'drained' as const);
  const how = await Promise.race([drained, sleep(graceSeconds * 1000)]);
  if (how === 'timeout') {
    log.warn({ decisionsCutOff: decisionsInFlight() }, 'grace period over: decisions still in flight are cut off and left for settling');
  }
  await closeDb().catch((error: unknown) => log.warn({ error: String(error) }, 'database not closed cleanly'));
  log.info({ signal }, 'shut down');
  process.exit(signal === 'SIGINT' ? 130 : 143);
}

/** Installs the SIGTERM and SIGINT handlers (once per process). */
export function installShutdown(env: Pick<Env, 'shutdownGraceSeconds' | 'consoleHandlesSignals'>): void {
  if (state.installed) return;
  state.installed = true;
  if (!env.consoleHandlesSignals) {
    logger('shutdown').warn(
      'NEXT_MANUAL_SIG_HANDLE is not set: Next handles SIGTERM beside the console and may exit before the database is closed or past the grace period',
    );
  }
  let started = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (started) return;
    started = true;
    void shutDown(signal, env.shutdownGraceSeconds);
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
