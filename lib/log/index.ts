import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import pino, { type Logger } from 'pino';
import { getEnv } from '@/lib/env';

/**
 * The console's one logger: configured once per process, one child per component, and every
 * line written while serving a request carries that request's id (`reqId`; `requestId` in a
 * line is the id of an Artemis call, as in the audit trail).
 */

type LogRegistry = { root?: Logger; components: Map<string, Logger>; requests: AsyncLocalStorage<{ reqId: string }> };

declare global {
  // One logger and one request context per process, shared by Next's separate server bundles.
  var __consoleLog: LogRegistry | undefined;
}

const registry: LogRegistry = (globalThis.__consoleLog ??= { components: new Map(), requests: new AsyncLocalStorage() });

/** Credentials an object logged by mistake could carry: pino writes `[Redacted]` instead. */
const REDACT = ['*.authorization', '*.Authorization', '*.token', '*.access_token', '*.clientSecret', '*.client_secret', '*.password'];

function root(): Logger {
  if (!registry.root) {
    let level = 'info';
    try {
      level = getEnv().logLevel;
    } catch {
      // Invalid configuration is reported through this logger before start-up stops.
    }
    registry.root = pino({
      level,
      redact: REDACT,
      mixin: () => {
        const reqId = registry.requests.getStore()?.reqId;
        return reqId ? { reqId } : {};
      },
    });
  }
  return registry.root;
}

/** A component's logger (`component` on every line), made once per process. */
export function logger(component: string): Logger {
  let child = registry.components.get(component);
  if (!child) registry.components.set(component, (child = root().child({ component })));
  return child;
}

/** `error.message` for a log line: never the whole error, whose cause may hold a request. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const REQUEST_ID_HEADER = 'x-request-id';
const WELL_FORMED_ID = /^[A-Za-z0-9._:-]{8,64}$/;

/**
 * Runs the server's handling of one request inside its request context. The id is the one a
 * trusted reverse proxy sent (`trustIncoming`), when well formed, or a new one; it goes back in
 * the response's `X-Request-ID` so an operator can find the request's lines.
 */
export function inRequestContext<T>(request: IncomingMessage, response: ServerResponse | undefined, trustIncoming: () => boolean, handle: () => T): T {
  const given = request.headers[REQUEST_ID_HEADER];
  const reqId = typeof given === 'string' && WELL_FORMED_ID.test(given) && trustIncoming() ? given : randomUUID();
  request.headers[REQUEST_ID_HEADER] = reqId;
  if (response && !response.headersSent) response.setHeader('X-Request-ID', reqId);
  return registry.requests.run({ reqId }, handle);
}
