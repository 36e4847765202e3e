import { describe, expect, it, vi } from 'vitest';
import { hasLivenessResult, isLastCustomerPage } from './assumptions';
import { ArtemisError, describeArtemisError, upstreamFailure, writeMayHaveApplied } from './errors';

const base = { operation: 'getCustomerDocument', requestId: 'req-1' };

describe('describeArtemisError', () => {
  it('explains read failures in plain words', () => {
    expect(describeArtemisError(new ArtemisError({ ...base, kind: 'timeout', method: 'GET' }))).toBe(
      'Artemis did not answer in time. Nothing was changed; please try again.',
    );
    expect(describeArtemisError(new ArtemisError({ ...base, kind: 'http', status: 503, method: 'GET' }))).toMatch(/^Artemis is unavailable \(HTTP 503\)\./);
    expect(describeArtemisError(new ArtemisError({ ...base, kind: 'invalid-response', status: 200, method: 'GET' }))).toMatch(
      /^Artemis sent a response the console could not read\./,
    );
    expect(describeArtemisError(new ArtemisError({ ...base, kind: 'auth', status: 401 }))).toMatch(/could not sign in to Artemis/);
    expect(describeArtemisError(new ArtemisError({ ...base, kind: 'http', status: 429 }))).toMatch(/busy/);
    expect(describeArtemisError(new ArtemisError({ ...base, kind: 'http', status: 405, reason: 'endpoint-unavailable' }))).toMatch(/does not offer/);
  });

  it('does not claim "nothing was changed" for an ambiguous write', () => {
    const timeout = describeArtemisError(new ArtemisError({ ...base, kind: 'timeout', method: 'PUT' }));
    expect(timeout).not.toMatch(/Nothing was changed/);
    expect(timeout).toMatch(/reload the document to check/);
    const unreadable = describeArtemisError(new ArtemisError({ ...base, kind: 'invalid-response', status: 200, method: 'PUT' }));
    expect(unreadable).toMatch(/probably applied/);
  });

  it('never includes the technical message, and the request id only on request', () => {
    const err = new ArtemisError({ ...base, kind: 'http', status: 500, message: 'token=abc body={"secret":1}' });
    expect(describeArtemisError(err)).not.toContain('secret');
    expect(describeArtemisError(err)).not.toContain('req-1');
    expect(describeArtemisError(err, { includeRequestId: true })).toContain('(Reference: req-1)');
  });

  it('has a generic message for anything else', () => {
    expect(describeArtemisError(new Error('ECONNRESET at 10.0.0.1 with password hunter2'))).toBe(
      'Something went wrong while talking to Artemis. Nothing was changed; please try again.',
    );
  });

  it('exposes the fields callers rely on', () => {
    const err = new ArtemisError({ ...base, kind: 'not-found', status: 404, method: 'GET' });
    expect(err).toBeInstanceOf(Error);
    expect(err).toMatchObject({ name: 'ArtemisError', kind: 'not-found', status: 404, requestId: 'req-1', operation: 'getCustomerDocument' });
  });
});

describe('writeMayHaveApplied', () => {
  const put = { operation: 'updateLivenessResult', requestId: 'req-2', method: 'PUT' };

  it('is true when the PUT may have reached Artemis: timeout, connection lost after sending, 5xx, unreadable 2xx', () => {
    expect(writeMayHaveApplied(new ArtemisError({ ...put, kind: 'timeout' }))).toBe(true);
    expect(writeMayHaveApplied(new ArtemisError({ ...put, kind: 'network' }))).toBe(true);
    for (const status of [500, 502, 503, 504]) expect(writeMayHaveApplied(new ArtemisError({ ...put, kind: 'http', status }))).toBe(true);
    expect(writeMayHaveApplied(new ArtemisError({ ...put, kind: 'invalid-response', status: 200 }))).toBe(true);
  });

  it('is false for a definite refusal: not sent, a failed token request, a 4xx', () => {
    expect(writeMayHaveApplied(new ArtemisError({ ...put, kind: 'network', notSent: true }))).toBe(false);
    expect(writeMayHaveApplied(new ArtemisError({ operation: 'getOAuthToken', requestId: 'r', method: 'POST', kind: 'timeout' }))).toBe(false);
    for (const status of [400, 401, 403, 404, 409, 429]) {
      expect(writeMayHaveApplied(new ArtemisError({ ...put, kind: status === 404 ? 'not-found' : status === 401 ? 'auth' : 'http', status }))).toBe(false);
    }
  });

  it('never says "nothing was changed" for a write that may have applied, and says it for one never sent', () => {
    expect(describeArtemisError(new ArtemisError({ ...put, kind: 'network' }))).not.toMatch(/Nothing was changed/);
    expect(describeArtemisError(new ArtemisError({ ...put, kind: 'network', notSent: true }))).toMatch(/Nothing was changed/);
  });
});

describe('assumptions', () => {
  it('an empty or missing liveness object means no result yet', () => {
    expect(hasLivenessResult({})).toBe(false);
    expect(hasLivenessResult(null)).toBe(false);
    expect(hasLivenessResult(undefined)).toBe(false);
    expect(hasLivenessResult({ conclusion: null })).toBe(false);
    expect(hasLivenessResult({ livenessResult: false })).toBe(true);
  });

  it('decides the last customer page from last, totalPages, or a short page', () => {
    const req = { page: 2, size: 10 };
    expect(isLastCustomerPage({ last: false, totalPages: 3, contentLength: 0 }, req)).toBe(false);
    expect(isLastCustomerPage({ totalPages: 3, contentLength: 10 }, req)).toBe(true);
    expect(isLastCustomerPage({ totalPages: 4, number: 2, contentLength: 10 }, req)).toBe(false);
    expect(isLastCustomerPage({ contentLength: 10 }, req)).toBe(false);
    expect(isLastCustomerPage({ contentLength: 9 }, req)).toBe(true);
  });
});

describe('ArtemisError across copies of the module', () => {
  it('is recognised by instanceof when another bundle of errors.ts made it', async () => {
    vi.resetModules();
    const copy = await import('./errors');
    expect(copy.ArtemisError).not.toBe(ArtemisError);
    const foreign = new copy.ArtemisError({ kind: 'http', status: 504, operation: 'updateLivenessResult', requestId: 'r', method: 'PUT' });
    expect(foreign instanceof ArtemisError).toBe(true);
    expect(writeMayHaveApplied(foreign)).toBe(true);
    expect(new Error('other') instanceof ArtemisError).toBe(false);
    expect(Object.keys(foreign)).not.toContain(String(Symbol.for('liveness-review-console.ArtemisError')));
  });
});

describe('upstreamFailure', () => {
  it('words an Artemis failure for the page or action, and tells a missing item apart', () => {
    expect(upstreamFailure(new ArtemisError({ ...base, kind: 'http', status: 503, method: 'GET' }))).toEqual({
      ok: false,
      kind: 'failed',
      message: expect.stringMatching(/^Artemis is unavailable/) as string,
      requestId: 'req-1',
    });
    expect(upstreamFailure(new ArtemisError({ ...base, kind: 'not-found', status: 404 })).kind).toBe('not-found');
  });

  it('rethrows anything that is not an Artemis failure', () => {
    const bug = new TypeError('bug');
    expect(() => upstreamFailure(bug)).toThrow(bug);
  });
});
