import 'server-only';
import type { Env } from '@/lib/env';
import { ArtemisError } from './errors';
import type { ArtemisOperation } from './paths';
import { bufferedRequest, viaFetch, type BufferedAnswer, type BufferedExchange } from './undici-request';
import {
  isTimeout,
  noopLogger,
  sanitizeCause,
  timeoutSignal,
  statusOutcome,
  type ArtemisCallObserver,
  type ArtemisLogger,
  type FetchLike,
  type TokenProvider,
} from './token-provider';

/**
 * `read`: retried on network errors, timeouts, 429 and 5xx. `write`: retried only when the
 * request certainly never reached Artemis; a blind retry could revert another reviewer's write.
 */
export type RetryPolicy = 'read' | 'write';
export type ArtemisMethod = 'GET' | 'PUT' | 'POST' | 'DELETE';

export interface ArtemisRequest {
  operation: ArtemisOperation;
  method: ArtemisMethod;
  /** Path below config.apiUrl, starting with `/` (build it with fillPath from paths.ts). */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  retry: RetryPolicy;
}

export interface ArtemisResponse {
  status: number;
  body: unknown;
  requestId: string;
}

export interface ArtemisTransport {
  request(req: ArtemisRequest): Promise<ArtemisResponse>;
}

export interface TransportOptions {
  config: Env['artemis'];
  tokenProvider: TokenProvider;
  fetch?: FetchLike;
  sleep?: (ms: number) => Promise<void>;
  logger?: ArtemisLogger;
  observe?: ArtemisCallObserver;
  /** Uniform [0, 1) source for backoff jitter. */
  random?: () => number;
  /** Clock in epoch milliseconds (Retry-After dates, durations). */
  now?: () => number;
}

/** Retry budget and backoff (spec §6). */
const RETRY = {
  readMaxRetries: 3,
  writeMaxRetries: 1,
  baseDelayMs: 200,
  maxBackoffMs: 2_000,
  maxRetryAfterMs: 10_000,
} as const;

/**
 * The longest one `request` can take: every attempt (the retries, plus one more after a 401)
 * waiting a full timeout for its token and another for its answer, and the longest wait
 * before each retry. Locks held across Artemis calls are sized from it.
 */
export function longestCallMs(retry: RetryPolicy, timeoutMs: number): number {
  const retries = retry === 'read' ? RETRY.readMaxRetries : RETRY.writeMaxRetries;
  const longestWait = retry === 'read' ? Math.max(RETRY.maxRetryAfterMs, RETRY.maxBackoffMs) : RETRY.maxBackoffMs;
  const attempts = retries + 2;
  return attempts * 2 * timeoutMs + retries * longestWait;
}

/**
 * Errors raised only before a connection exists, so before a byte of the request was sent.
 * (EHOSTUNREACH and the like can also end a connection already in use: they count as sent.)
 */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT']);

/** Whether a failed exchange certainly never reached Artemis (undici's error or fetch's cause). */
function failedBeforeSending(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && NOT_SENT_CODES.has(code)) return true;
  }
  return false;
}

/** Delay before retry number `retry` (0-based): 200, 400, 800… capped, with "equal jitter". */
export function backoffDelay(retry: number, random: () => number): number {
  const ceiling = Math.min(RETRY.maxBackoffMs, RETRY.baseDelayMs * 2 ** retry);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** Parses Retry-After (delta seconds or HTTP-date) into milliseconds, capped; undefined if absent/bad. */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  let ms: number;
  if (/^\d+$/.test(text)) ms = Number(text) * 1000;
  else {
    const at = Date.parse(text);
    if (Number.isNaN(at)) return undefined;
    ms = at - nowMs;
  }
  return Math.min(RETRY.maxRetryAfterMs, Math.max(0, ms));
}

type Outcome = ({ type: 'response' } & BufferedAnswer) | { type: 'error'; kind: 'network' | 'timeout'; notSent: boolean; cause: unknown };

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createArtemisTransport(opts: TransportOptions): ArtemisTransport {
  const { config, tokenProvider } = opts;
  const exchange: BufferedExchange = opts.fetch ? viaFetch(opts.fetch) : bufferedRequest;
  const sleep = opts.sleep ?? defaultSleep;
  const logger = opts.logger ?? noopLogger;
  const observe = opts.observe ?? (() => {});
  const random = opts.random ?? Math.random;
  const now = opts.now ?? Date.now;

  function buildUrl(path: string, query: ArtemisRequest['query']): string {
    if (!path.startsWith('/')) throw new TypeError(`Artemis path must start with "/": ${path}`);
    const url = new URL(config.apiUrl.replace(/\/+$/, '') + path);
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    return url.toString();
  }

  async function attemptOnce(url: string, req: ArtemisRequest, token: string, requestId: string): Promise<Outcome> {
    const headers: Record<string, string> = {
      Authorization: `Bearer ${token}`,
      'X-Domain-ID': config.domainId,
      Accept: 'application/json',
      'X-Request-ID': requestId,
    };
    let body: string | undefined;
    if (req.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(req.body);
    }
    // The body is read under the same timeout; for errors it is read only to free the connection.
    const timeout = timeoutSignal(config.timeoutMs);
    try {
      return { type: 'response', ...(await exchange(url, { method: req.method, headers, body, signal: timeout.signal })) };
    } catch (cause) {
      const timedOut = isTimeout(cause, timeout.signal);
      return { type: 'error', kind: timedOut ? 'timeout' : 'network', notSent: !timedOut && failedBeforeSending(cause), cause };
    } finally {
      timeout.clear();
    }
  }

  function retryDelay(req: ArtemisRequest, outcome: Outcome, retriesUsed: number): number | undefined {
    const max = req.retry === 'read' ? RETRY.readMaxRetries : RETRY.writeMaxRetries;
    if (retriesUsed >= max) return undefined;
    let retryable: boolean;
    if (outcome.type === 'error') {
      retryable = req.retry === 'read' || outcome.notSent;
    } else {
      // An answer means the write reached Artemis: whatever it says, it is not repeated blindly.
      retryable = req.retry === 'read' && (outcome.status === 429 || (outcome.status >= 500 && outcome.status <= 599));
    }
    if (!retryable) return undefined;
    if (outcome.type === 'response' && (outcome.status === 429 || outcome.status === 503)) {
      const hinted = parseRetryAfter(outcome.headers.get('retry-after'), now());
      if (hinted !== undefined) return hinted;
    }
    return backoffDelay(retriesUsed, random);
  }

  async function request(req: ArtemisRequest): Promise<ArtemisResponse> {
    const requestId = crypto.randomUUID();
    const url = buildUrl(req.path, req.query);
    const base = { requestId, operation: req.operation, method: req.method, path: req.path };
    let retriesUsed = 0;
    let authRetried = false;
    /** Waits before the next attempt when this outcome is worth one more; false when it is not. */
    const retryAfter = async (outcome: Outcome): Promise<boolean> => {
      const delay = retryDelay(req, outcome, retriesUsed);
      if (delay === undefined) return false;
      retriesUsed++;
      await sleep(delay);
      return true;
    };

    for (let attempt = 1; ; attempt++) {
      const token = await tokenProvider.getToken();
      const startedAt = now();
      const outcome = await attemptOnce(url, req, token, requestId);
      const ms = now() - startedAt;

      observe({ operation: req.operation, outcome: outcome.type === 'error' ? outcome.kind : statusOutcome(outcome.status), ms });
      if (outcome.type === 'error') {
        logger.warn({ ...base, attempt, ms, error: outcome.kind, notSent: outcome.notSent }, 'artemis call failed');
        if (await retryAfter(outcome)) continue;
        throw new ArtemisError({
          kind: outcome.kind,
          operation: req.operation,
          requestId,
          method: req.method,
          notSent: outcome.notSent,
          cause: sanitizeCause(outcome.cause),
        });
      }

      const { status } = outcome;
      logger.info({ ...base, status, ms, attempt }, 'artemis call');

      if (status === 401) {
        tokenProvider.invalidate(token);
        if (!authRetried) {
          authRetried = true;
          continue;
        }
        throw new ArtemisError({ kind: 'auth', operation: req.operation, requestId, method: req.method, status });
      }

      if (status >= 200 && status < 300) {
        return { status, body: parseBody(outcome, req, requestId), requestId };
      }

      if (await retryAfter(outcome)) continue;
      throw new ArtemisError({
        kind: status === 404 ? 'not-found' : 'http',
        operation: req.operation,
        requestId,
        method: req.method,
        status,
      });
    }
  }

  return { request };
}

function parseBody(outcome: Extract<Outcome, { type: 'response' }>, req: ArtemisRequest, requestId: string): unknown {
  const contentType = outcome.headers.get('content-type') ?? '';
  if (outcome.text.trim() === '') return undefined;
  if (!/[/+]json\b/i.test(contentType)) return outcome.text;
  try {
    return JSON.parse(outcome.text) as unknown;
  } catch {
    throw new ArtemisError({
      kind: 'invalid-response',
      operation: req.operation,
      requestId,
      method: req.method,
      status: outcome.status,
      message: `Artemis ${req.operation}: response is not valid JSON (request ${requestId})`,
    });
  }
}
