import { describe, expect, it } from 'vitest';
import { ArtemisError } from './errors';
import { backoffDelay, createArtemisTransport, longestCallMs, parseRetryAfter, type ArtemisRequest } from './http';
import { fakeArtemis, fakeSleep, hangUntilAborted, json, networkError, recordingLogger, status, TEST_CONFIG, type Handler } from '@/testing/artemis';
import { createTokenProvider } from './token-provider';

const READ: ArtemisRequest = { operation: 'getCustomerDetails', method: 'GET', path: '/api/customer/12', retry: 'read' };
const PUT: ArtemisRequest = {
  operation: 'updateLivenessResult',
  method: 'PUT',
  path: '/api/customer/12/document/77/liveness',
  body: { conclusion: true },
  retry: 'write',
};

function setup(api: Handler, opts: { timeoutMs?: number; now?: () => number; random?: () => number } = {}) {
  const artemis = fakeArtemis(api);
  const { sleep, delays } = fakeSleep();
  const { logger, entries } = recordingLogger();
  const config = { ...TEST_CONFIG, timeoutMs: opts.timeoutMs ?? TEST_CONFIG.timeoutMs };
  const tokenProvider = createTokenProvider({ ...config, fetch: artemis.fetch, now: opts.now });
  const transport = createArtemisTransport({
    config,
    tokenProvider,
    fetch: artemis.fetch,
    sleep,
    logger,
    random: opts.random ?? (() => 0),
    now: opts.now,
  });
  return { ...artemis, transport, delays, entries };
}

/** Answers the given responses in order (the last one repeats). */
function sequence(...answers: (() => Response | Promise<Response>)[]): Handler {
  let i = 0;
  return () => answers[Math.min(i++, answers.length - 1)]!();
}

const ok = () => json({ id: 12 });

describe('transport: headers, URL, body', () => {
  it('sends Authorization, X-Domain-ID, Accept and a fresh X-Request-ID on every request', async () => {
    const t = setup(ok);
    const a = await t.transport.request(READ);
    const b = await t.transport.request({ ...READ, query: { page: 2, size: 50, skip: undefined } });
    expect(t.apiCalls).toHaveLength(2);
    for (const call of t.apiCalls) {
      expect(call.headers.get('authorization')).toBe('Bearer tok-1');
      expect(call.headers.get('x-domain-id')).toBe('4242');
      expect(call.headers.get('accept')).toBe('application/json');
      expect(call.headers.get('x-request-id')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    expect(a.requestId).toBe(t.apiCalls[0]!.headers.get('x-request-id'));
    expect(b.requestId).toBe(t.apiCalls[1]!.headers.get('x-request-id'));
    expect(a.requestId).not.toBe(b.requestId);
    expect(t.apiCalls[0]!.url.href).toBe('https://api.artemis.test/base/api/customer/12');
    expect(t.apiCalls[1]!.url.search).toBe('?page=2&size=50');
    expect(a).toMatchObject({ status: 200, body: { id: 12 } });
  });

  it('sends a JSON body with a JSON content type', async () => {
    const t = setup(() => json({ id: 77 }));
    await t.transport.request(PUT);
    const call = t.apiCalls[0]!;
    expect(call.method).toBe('PUT');
    expect(call.headers.get('content-type')).toBe('application/json');
    expect(JSON.parse(call.body!)).toEqual({ conclusion: true });
  });

  it('logs each attempt with request id, operation, status, duration and attempt, without the token', async () => {
    const t = setup(sequence(() => status(503), ok));
    const res = await t.transport.request(READ);
    const logged = t.entries.map((e) => e.obj);
    expect(logged).toHaveLength(2);
    expect(logged[1]).toMatchObject({
      requestId: res.requestId,
      operation: 'getCustomerDetails',
      method: 'GET',
      path: '/api/customer/12',
      status: 200,
      attempt: 2,
    });
    expect(typeof logged[1]!.ms).toBe('number');
    expect(JSON.stringify(t.entries)).not.toContain('tok-1');
    expect(JSON.stringify(t.entries)).not.toContain(TEST_CONFIG.clientSecret);
  });
});

describe('transport: 401', () => {
  it('refreshes the token exactly once and retries once', async () => {
    const t = setup(sequence(() => status(401), ok));
    const res = await t.transport.request(READ);
    expect(res.status).toBe(200);
    expect(t.tokenCalls).toHaveLength(2);
    expect(t.apiCalls).toHaveLength(2);
    expect(t.apiCalls[0]!.headers.get('authorization')).toBe('Bearer tok-1');
    expect(t.apiCalls[1]!.headers.get('authorization')).toBe('Bearer tok-2');
    expect(t.delays).toEqual([]);
  });

  it('throws on a second 401 without further retries', async () => {
    const t = setup(() => status(401));
    const err = (await t.transport.request(READ).catch((e: unknown) => e)) as ArtemisError;
    expect(err).toBeInstanceOf(ArtemisError);
    expect(err.kind).toBe('auth');
    expect(err.status).toBe(401);
    expect(t.apiCalls).toHaveLength(2);
    expect(t.tokenCalls).toHaveLength(2);
  });

  it('does not count the 401 retry against the read retries', async () => {
    const t = setup(
      sequence(
        () => status(401),
        () => status(503),
        () => status(503),
        () => status(503),
        ok,
      ),
    );
    await expect(t.transport.request(READ)).resolves.toMatchObject({ status: 200 });
    expect(t.apiCalls).toHaveLength(5);
  });

  it('retries a PUT once after a 401 too', async () => {
    const t = setup(
      sequence(
        () => status(401),
        () => json({ id: 77 }),
      ),
    );
    await expect(t.transport.request(PUT)).resolves.toMatchObject({ status: 200 });
    expect(t.apiCalls).toHaveLength(2);
  });
});

describe('transport: read retries', () => {
  it('retries on 503 then succeeds, with capped exponential backoff', async () => {
    const t = setup(
      sequence(
        () => status(503),
        () => status(502),
        ok,
      ),
    );
    await expect(t.transport.request(READ)).resolves.toMatchObject({ status: 200, body: { id: 12 } });
    expect(t.apiCalls).toHaveLength(3);
    expect(t.delays).toEqual([100, 200]); // random() = 0 → half of 200, 400
  });

  it('gives up after 3 retries with kind http and the status', async () => {
    const t = setup(() => status(503));
    await expect(t.transport.request(READ)).rejects.toMatchObject({ kind: 'http', status: 503, operation: 'getCustomerDetails' });
    expect(t.apiCalls).toHaveLength(4);
    expect(t.delays).toHaveLength(3);
  });

  it('retries on network errors', async () => {
    const t = setup(sequence(networkError, ok));
    await expect(t.transport.request(READ)).resolves.toMatchObject({ status: 200 });
    expect(t.apiCalls).toHaveLength(2);
  });

  it('honours Retry-After seconds on 429', async () => {
    const t = setup(sequence(() => status(429, { 'retry-after': '3' }), ok));
    await expect(t.transport.request(READ)).resolves.toMatchObject({ status: 200 });
    expect(t.delays).toEqual([3000]);
  });

  it('honours a Retry-After HTTP-date, capped at 10 s', async () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    const t = setup(
      sequence(
        () => status(429, { 'retry-after': 'Wed, 01 Jan 2025 00:00:05 GMT' }),
        () => status(429, { 'retry-after': '600' }),
        ok,
      ),
      { now: () => now },
    );
    await t.transport.request(READ);
    expect(t.delays).toEqual([5000, 10_000]);
  });

  it('does not retry other 4xx; 404 is kind not-found', async () => {
    const t = setup(() => status(400));
    await expect(t.transport.request(READ)).rejects.toMatchObject({ kind: 'http', status: 400 });
    expect(t.apiCalls).toHaveLength(1);
    const n = setup(() => status(404));
    await expect(n.transport.request(READ)).rejects.toMatchObject({ kind: 'not-found', status: 404 });
    expect(n.apiCalls).toHaveLength(1);
  });

  it('times out each attempt and reports kind timeout', async () => {
    const t = setup(hangUntilAborted, { timeoutMs: 20 });
    const err = (await t.transport.request(READ).catch((e: unknown) => e)) as ArtemisError;
    expect(err).toBeInstanceOf(ArtemisError);
    expect(err.kind).toBe('timeout');
    expect(t.apiCalls).toHaveLength(4);
    for (const call of t.apiCalls) expect(call.signal?.aborted).toBe(true);
  });
});

describe('transport: the PUT is never repeated blindly', () => {
  it('is not retried on any answer: 5xx, 429 or 4xx (the write reached Artemis)', async () => {
    for (const code of [502, 503, 504, 500, 429, 409]) {
      const t = setup(
        sequence(
          () => status(code, { 'retry-after': '1' }),
          () => json({ id: 77 }),
        ),
      );
      await expect(t.transport.request(PUT)).rejects.toMatchObject({ kind: 'http', status: code, notSent: false });
      expect(t.apiCalls).toHaveLength(1);
    }
  });

  it('is retried once when the connection was refused before sending', async () => {
    const t = setup(sequence(networkError, () => json({ id: 77 })));
    await expect(t.transport.request(PUT)).resolves.toMatchObject({ status: 200 });
    expect(t.apiCalls).toHaveLength(2);
    expect(t.apiCalls[0]!.headers.get('x-request-id')).toBe(t.apiCalls[1]!.headers.get('x-request-id'));
  });

  it('reports a refusal before sending as not sent once the retry is spent', async () => {
    const t = setup(networkError);
    await expect(t.transport.request(PUT)).rejects.toMatchObject({ kind: 'network', notSent: true });
    expect(t.apiCalls).toHaveLength(2);
  });

  it('is not retried after a connection lost once the request could have been sent', async () => {
    const reset = () => {
      throw new TypeError('fetch failed', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) });
    };
    const t = setup(sequence(reset, () => json({ id: 77 })));
    await expect(t.transport.request(PUT)).rejects.toMatchObject({ kind: 'network', notSent: false, method: 'PUT' });
    expect(t.apiCalls).toHaveLength(1);
  });

  it('is not retried after a timeout (the write may have happened)', async () => {
    const t = setup(hangUntilAborted, { timeoutMs: 20 });
    await expect(t.transport.request(PUT)).rejects.toMatchObject({ kind: 'timeout', method: 'PUT', notSent: false });
    expect(t.apiCalls).toHaveLength(1);
  });
});

describe('longestCallMs', () => {
  it('covers every attempt (retries and the one after a 401) with its token request, and the waits between', () => {
    // read: 5 attempts x (token + call) x 1 s, and 3 waits of up to 10 s (Retry-After's cap)
    expect(longestCallMs('read', 1000)).toBe(5 * 2 * 1000 + 3 * 10_000);
    // write: 3 attempts x (token + call), and one backoff of up to 2 s
    expect(longestCallMs('write', 1000)).toBe(3 * 2 * 1000 + 2_000);
  });
});

describe('transport: response bodies', () => {
  it('reports invalid JSON as invalid-response', async () => {
    const t = setup(() => new Response('{"id": 12', { status: 200, headers: { 'content-type': 'application/json;charset=UTF-8' } }));
    await expect(t.transport.request(READ)).rejects.toMatchObject({ kind: 'invalid-response', status: 200 });
  });

  it('returns undefined for an empty body and text for non-JSON content', async () => {
    const t = setup(
      sequence(
        () => new Response(null, { status: 204 }),
        () => new Response('hi', { status: 200 }),
      ),
    );
    expect((await t.transport.request(READ)).body).toBeUndefined();
    expect((await t.transport.request(READ)).body).toBe('hi');
  });
});

describe('backoff and Retry-After parsing', () => {
  it('doubles from 200 ms up to a 2 s cap, jittered within [half, full]', () => {
    expect([0, 1, 2, 3, 4, 5].map((n) => backoffDelay(n, () => 0.999999))).toEqual([200, 400, 800, 1600, 2000, 2000]);
    expect(backoffDelay(0, () => 0)).toBe(100);
    expect(backoffDelay(10, () => 0)).toBe(1000);
  });

  it('parses seconds and dates, caps, and ignores garbage', () => {
    expect(parseRetryAfter('2', 0)).toBe(2000);
    expect(parseRetryAfter('99', 0)).toBe(10_000);
    expect(parseRetryAfter('soon', 0)).toBeUndefined();
    expect(parseRetryAfter(null, 0)).toBeUndefined();
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:00 GMT', Date.parse('2025-01-02T00:00:00Z'))).toBe(0);
  });
});
