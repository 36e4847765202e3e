import 'server-only';
import { ArtemisError } from './errors';
import type { ArtemisOperation } from './paths';
import type { components } from './schema';
import { describeIssues } from './records';
import { tokenResponseSchema } from './schemas';

/** The subset of `fetch` the Artemis code uses; the global `fetch` satisfies it. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** The subset of a pino logger the Artemis code uses. */
export interface ArtemisLogger {
  info(obj: Record<string, unknown>, msg?: string): void;
  warn(obj: Record<string, unknown>, msg?: string): void;
}

export const noopLogger: ArtemisLogger = { info() {}, warn() {} };

/** Told of every exchange with Artemis (the metrics): `outcome` is `2xx`…`5xx`, `timeout` or `network`. */
export type ArtemisCallObserver = (call: { operation: string; outcome: string; ms: number }) => void;

export const statusOutcome = (status: number) => `${Math.floor(status / 100)}xx`;
const noopObserver: ArtemisCallObserver = () => {};

export interface TokenProviderOptions {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  timeoutMs: number;
  fetch?: FetchLike;
  /** Clock in epoch milliseconds (injectable for tests). */
  now?: () => number;
  safetyMarginSeconds?: number;
  logger?: ArtemisLogger;
  observe?: ArtemisCallObserver;
}

export interface TokenProvider {
  getToken(): Promise<string>;
  /** Drops the cached token, but only if it is still `token` (a stale 401 keeps a newer token). */
  invalidate(token: string): void;
}

const OPERATION: ArtemisOperation = 'getOAuthToken';
/** Lifetime assumed when the token response has no `expires_in`. */
const DEFAULT_LIFETIME_SECONDS = 60;

/** Seconds to keep a token with lifetime `expiresIn`, given the safety margin. */
export function cacheSecondsFor(expiresIn: number, margin: number): number {
  if (expiresIn < 2 * margin) return expiresIn / 2;
  return expiresIn - margin;
}

export function createTokenProvider(opts: TokenProviderOptions): TokenProvider {
  const doFetch: FetchLike = opts.fetch ?? ((url, init) => fetch(url, init));
  const now = opts.now ?? Date.now;
  const margin = opts.safetyMarginSeconds ?? 60;
  const logger = opts.logger ?? noopLogger;
  const observe = opts.observe ?? noopObserver;

  let cached: { token: string; expiresAt: number } | undefined;
  let inflight: Promise<string> | undefined;

  async function requestToken(): Promise<string> {
    const requestId = crypto.randomUUID();
    const startedAt = now();
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: opts.clientId,
      client_secret: opts.clientSecret,
    } satisfies components['schemas']['OAuthTokenRequest']);

    let res: Response;
    let raw: string;
    const timeout = timeoutSignal(opts.timeoutMs);
    const { signal } = timeout;
    try {
      res = await doFetch(opts.tokenUrl, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          Accept: 'application/json',
          'X-Request-ID': requestId,
        },
        body: body.toString(),
        signal,
        cache: 'no-store',
      });
      raw = await res.text();
    } catch (cause) {
      const timedOut = isTimeout(cause, signal);
      observe({ operation: OPERATION, outcome: timedOut ? 'timeout' : 'network', ms: now() - startedAt });
      logger.warn(
        { requestId, operation: OPERATION, method: 'POST', ms: now() - startedAt, error: timedOut ? 'timeout' : 'network' },
        'artemis token request failed',
      );
      throw new ArtemisError({
        kind: timedOut ? 'timeout' : 'network',
        operation: OPERATION,
        requestId,
        method: 'POST',
        cause: sanitizeCause(cause),
      });
    } finally {
      timeout.clear();
    }

    observe({ operation: OPERATION, outcome: statusOutcome(res.status), ms: now() - startedAt });
    logger.info({ requestId, operation: OPERATION, method: 'POST', status: res.status, ms: now() - startedAt }, 'artemis token request');
    if (!res.ok) {
      throw new ArtemisError({ kind: 'auth', operation: OPERATION, requestId, method: 'POST', status: res.status });
    }

    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      json = undefined;
    }
    const parsed = tokenResponseSchema.safeParse(json);
    if (!parsed.success) {
      throw new ArtemisError({
        kind: 'auth',
        operation: OPERATION,
        requestId,
        method: 'POST',
        status: res.status,
        message: `Artemis ${OPERATION}: token response could not be read (request ${requestId})`,
        // Issue paths only; never the body (it may hold a token).
        issues: describeIssues(parsed.error.issues),
      });
    }
    const lifetime = parsed.data.expires_in ?? DEFAULT_LIFETIME_SECONDS;
    const token = parsed.data.access_token;
    cached = { token, expiresAt: startedAt + cacheSecondsFor(lifetime, margin) * 1000 };
    return token;
  }

  return {
    getToken() {
      if (cached && now() < cached.expiresAt) return Promise.resolve(cached.token);
      if (!inflight) {
        inflight = requestToken().finally(() => {
          inflight = undefined;
        });
      }
      return inflight;
    },
    invalidate(token) {
      if (cached?.token === token) cached = undefined;
    },
  };
}

/**
 * A signal that aborts with a TimeoutError after `ms`, and `clear` for when the exchange is
 * over. AbortSignal.timeout's own timer cannot be cleared: it would fire long after its request
 * ended and build an abort error nobody reads.
 */
export function timeoutSignal(ms: number): { signal: AbortSignal; clear: () => void } {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError')), ms);
  return { signal: controller.signal, clear: () => clearTimeout(timer) };
}

export function isTimeout(err: unknown, signal?: AbortSignal): boolean {
  if (err instanceof Error && err.name === 'TimeoutError') return true;
  if (signal?.aborted) {
    const reason: unknown = signal.reason;
    return reason instanceof Error && reason.name === 'TimeoutError';
  }
  return false;
}

/** Keeps only the error's name and message (no request objects that might carry headers). */
export function sanitizeCause(err: unknown): Error | undefined {
  if (!(err instanceof Error)) return undefined;
  const inner: unknown = err.cause;
  const code = inner && typeof inner === 'object' && 'code' in inner && typeof inner.code === 'string' ? ` (${inner.code})` : '';
  const copy = new Error(`${err.message}${code}`);
  copy.name = err.name;
  return copy;
}
