// Errors raised by the Artemis client, and their plain-words descriptions for reviewers.
// No `server-only` here: the class and the describer carry no secrets and may be imported by
// shared code (and by the sandbox's tests) without pulling in the transport.

import type { Failure } from '@/lib/result';

export type ArtemisErrorKind = 'network' | 'timeout' | 'http' | 'invalid-response' | 'auth' | 'not-found';

/**
 * Finer reason for some errors:
 * - `endpoint-unavailable`: an x-assumed endpoint answered 404/405 (see assumptions.ts).
 */
export type ArtemisErrorReason = 'endpoint-unavailable';

export interface ArtemisErrorInit {
  kind: ArtemisErrorKind;
  operation: string;
  requestId: string;
  status?: number;
  /** HTTP method of the failed call; lets the describer tell ambiguous writes from reads. */
  method?: string;
  /** The request certainly never reached Artemis (refused before it was sent). */
  notSent?: boolean;
  reason?: ArtemisErrorReason;
  /** For `invalid-response`: where the response did not match (paths and zod codes, never values). */
  issues?: string[];
  /** A short technical message for logs. Must not contain secrets or response bodies. */
  message?: string;
  cause?: unknown;
}

/** Marks an ArtemisError whichever copy of this module made it (see `Symbol.hasInstance`). */
const BRAND = Symbol.for('liveness-review-console.ArtemisError');

export class ArtemisError extends Error {
  /**
   * Next bundles this module into more than one server chunk (the client made at start-up in
   * demo mode is another copy's): `instanceof` goes by the brand, not by the class object.
   */
  static [Symbol.hasInstance](value: unknown): value is ArtemisError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }

  readonly kind: ArtemisErrorKind;
  readonly status?: number;
  readonly requestId: string;
  readonly operation: string;
  readonly method?: string;
  readonly notSent: boolean;
  readonly reason?: ArtemisErrorReason;
  readonly issues?: string[];

  constructor(init: ArtemisErrorInit) {
    super(init.message ?? defaultMessage(init), init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'ArtemisError';
    Object.defineProperty(this, BRAND, { value: true });
    this.kind = init.kind;
    this.operation = init.operation;
    this.requestId = init.requestId;
    if (init.status !== undefined) this.status = init.status;
    if (init.method !== undefined) this.method = init.method;
    this.notSent = init.notSent === true;
    if (init.reason !== undefined) this.reason = init.reason;
    if (init.issues !== undefined) this.issues = init.issues;
  }

  /** Serialisable summary for logs and audit records (no cause, no stack, no body). */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      kind: this.kind,
      status: this.status,
      operation: this.operation,
      method: this.method,
      notSent: this.notSent,
      reason: this.reason,
      requestId: this.requestId,
      message: this.message,
    };
  }
}

function defaultMessage(init: ArtemisErrorInit): string {
  const status = init.status === undefined ? '' : ` HTTP ${init.status}`;
  return `Artemis ${init.operation} failed: ${init.kind}${status} (request ${init.requestId})`;
}

export function isArtemisError(err: unknown): err is ArtemisError {
  return err instanceof ArtemisError;
}

const TOKEN_OPERATION = 'getOAuthToken';

/** A write to the API that may have been sent (a failed token request means the write never was). */
function isSentWrite(err: ArtemisError): boolean {
  if (err.notSent || err.operation === TOKEN_OPERATION || err.method === undefined) return false;
  const method = err.method.toUpperCase();
  return method !== 'GET' && method !== 'HEAD';
}

/**
 * Whether a failed write may still have taken effect in Artemis: a timeout, a connection lost
 * once the request could have been sent, a 5xx, or a 2xx whose body could not be read. A
 * refusal before sending, a failed token request and a 4xx are definite: nothing was written.
 */
export function writeMayHaveApplied(err: ArtemisError): boolean {
  if (!isSentWrite(err)) return false;
  switch (err.kind) {
    case 'timeout':
    case 'network':
      return true;
    case 'invalid-response':
      return err.status === undefined || (err.status >= 200 && err.status < 300);
    default:
      return err.status !== undefined && err.status >= 500;
  }
}

const CHECK_BEFORE_RETRY = 'It is not certain whether the change reached Artemis; reload the document to check before trying again.';

/**
 * A plain-words message for reviewers. Never contains secrets, tokens or response bodies.
 * With `includeRequestId`, the request id is appended as a reference for support.
 */
export function describeArtemisError(err: unknown, opts: { includeRequestId?: boolean } = {}): string {
  if (!(err instanceof ArtemisError)) {
    return 'Something went wrong while talking to Artemis. Nothing was changed; please try again.';
  }
  const text = describeKnown(err);
  return opts.includeRequestId ? `${text} (Reference: ${err.requestId})` : text;
}

function describeKnown(err: ArtemisError): string {
  const write = isSentWrite(err);
  const status = err.status;
  switch (err.kind) {
    case 'timeout':
      return write ? `Artemis did not answer in time. ${CHECK_BEFORE_RETRY}` : 'Artemis did not answer in time. Nothing was changed; please try again.';
    case 'network':
      return write ? `Artemis could not be reached. ${CHECK_BEFORE_RETRY}` : 'Artemis could not be reached. Nothing was changed; please try again.';
    case 'auth':
      return 'The console could not sign in to Artemis. Nothing was changed; an administrator needs to check the Artemis credentials.';
    case 'not-found':
      return 'Artemis has no record of this item. It may have been removed; please go back and reload the list.';
    case 'invalid-response':
      if (write && status !== undefined && status >= 200 && status < 300) {
        return `Artemis accepted the request (HTTP ${status}) but sent a response the console could not read. The change was probably applied; reload the document to check before trying again.`;
      }
      return 'Artemis sent a response the console could not read. Nothing was changed; please try again later or ask an administrator to check the Artemis connection.';
    case 'http':
      return describeHttp(err, write);
  }
}

function describeHttp(err: ArtemisError, write: boolean): string {
  const status = err.status;
  const code = status === undefined ? '' : ` (HTTP ${status})`;
  if (err.reason === 'endpoint-unavailable') {
    return `This Artemis installation does not offer a function the console needs${code}. Nothing was changed; an administrator needs to check the Artemis version.`;
  }
  if (status === 429) {
    return 'Artemis is busy (too many requests, HTTP 429). Nothing was changed; please wait a moment and try again.';
  }
  if (status !== undefined && status >= 500) {
    return write
      ? `Artemis is unavailable${code}. The change was not confirmed; reload the document to check before trying again.`
      : `Artemis is unavailable${code}. Nothing was changed; please try again in a few minutes.`;
  }
  if (status === 403) {
    return 'Artemis refused access (HTTP 403). Nothing was changed; an administrator needs to check the console\u2019s Artemis permissions.';
  }
  if (status === 409 || status === 412) {
    return `Artemis reported a conflict${code}. Nothing was changed; reload the document and try again.`;
  }
  return `Artemis rejected the request${code}. Nothing was changed; please reload and try again, or contact an administrator if it keeps happening.`;
}

/** An Artemis failure as a page or an action reports it; `not-found` when Artemis has no such item. */
export type UpstreamFailure = Failure<'failed' | 'not-found'>;

/** Turns an Artemis failure into a result to show; anything else is a bug and is rethrown. */
export function upstreamFailure(error: unknown): UpstreamFailure {
  if (!(error instanceof ArtemisError)) throw error;
  return { ok: false, kind: error.kind === 'not-found' ? 'not-found' : 'failed', message: describeArtemisError(error), requestId: error.requestId };
}
