import { describe, expect, it } from 'vitest';
import { ArtemisError } from './errors';
import { fakeFetch, hangUntilAborted, json, recordingLogger, status, TEST_CONFIG } from '@/testing/artemis';
import { cacheSecondsFor, createTokenProvider } from './token-provider';

function provider(fetch: ReturnType<typeof fakeFetch>, extra: { now?: () => number; timeoutMs?: number } = {}) {
  return createTokenProvider({
    tokenUrl: TEST_CONFIG.tokenUrl,
    clientId: TEST_CONFIG.clientId,
    clientSecret: TEST_CONFIG.clientSecret,
    timeoutMs: extra.timeoutMs ?? 1_000,
    fetch,
    now: extra.now,
  });
}

function issuing(expiresIn: unknown = 3600, { omitExpiry = false } = {}) {
  let n = 0;
  return fakeFetch(async () => {
    n++;
    await new Promise((r) => setTimeout(r, 5));
    const body: Record<string, unknown> = { access_token: `tok-${n}`, token_type: 'bearer' };
    if (!omitExpiry) body.expires_in = expiresIn;
    return json(body);
  });
}

describe('token provider', () => {
  it('sends a form-encoded client-credentials request', async () => {
    const fetch = issuing();
    await expect(provider(fetch).getToken()).resolves.toBe('tok-1');
    const call = fetch.calls[0]!;
    expect(call.method).toBe('POST');
    expect(call.url.href).toBe(TEST_CONFIG.tokenUrl);
    expect(call.headers.get('content-type')).toBe('application/x-www-form-urlencoded');
    const form = new URLSearchParams(call.body);
    expect(form.get('grant_type')).toBe('client_credentials');
    expect(form.get('client_id')).toBe(TEST_CONFIG.clientId);
    expect(form.get('client_secret')).toBe(TEST_CONFIG.clientSecret);
  });

  it('makes exactly one token request for 50 concurrent callers', async () => {
    const fetch = issuing();
    const tp = provider(fetch);
    const tokens = await Promise.all(Array.from({ length: 50 }, () => tp.getToken()));
    expect(fetch.calls).toHaveLength(1);
    expect(new Set(tokens)).toEqual(new Set(['tok-1']));
    // and the cached token serves later callers too
    await tp.getToken();
    expect(fetch.calls).toHaveLength(1);
  });

  it('caches until expires_in minus the safety margin, then fetches a new token', async () => {
    let clock = 1_000_000;
    const fetch = issuing(3600);
    const tp = provider(fetch, { now: () => clock });
    expect(await tp.getToken()).toBe('tok-1');
    clock += (3600 - 60) * 1000 - 1;
    expect(await tp.getToken()).toBe('tok-1');
    expect(fetch.calls).toHaveLength(1);
    clock += 1;
    expect(await tp.getToken()).toBe('tok-2');
    expect(fetch.calls).toHaveLength(2);
  });

  it('accepts expires_in as a numeric string', async () => {
    let clock = 0;
    const fetch = issuing('600');
    const tp = provider(fetch, { now: () => clock });
    await tp.getToken();
    clock = 539_000;
    await tp.getToken();
    expect(fetch.calls).toHaveLength(1);
    clock = 540_000;
    await tp.getToken();
    expect(fetch.calls).toHaveLength(2);
  });

  it('uses half the lifetime when expires_in is under twice the margin, and 60 s when missing', async () => {
    expect(cacheSecondsFor(3600, 60)).toBe(3540);
    expect(cacheSecondsFor(100, 60)).toBe(50);
    let clock = 0;
    const fetch = issuing(undefined, { omitExpiry: true });
    const tp = provider(fetch, { now: () => clock });
    await tp.getToken();
    clock = 29_999;
    await tp.getToken();
    expect(fetch.calls).toHaveLength(1);
    clock = 30_000;
    await tp.getToken();
    expect(fetch.calls).toHaveLength(2);
  });

  it('rejects every concurrent waiter when the token request fails, caches nothing, and retries next time', async () => {
    let fail = true;
    const fetch = fakeFetch(async () => {
      await new Promise((r) => setTimeout(r, 5));
      return fail ? status(500) : json({ access_token: 'good', expires_in: 3600 });
    });
    const tp = provider(fetch);
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => tp.getToken()));
    expect(fetch.calls).toHaveLength(1);
    for (const r of results) {
      expect(r.status).toBe('rejected');
      const reason = (r as PromiseRejectedResult).reason as ArtemisError;
      expect(reason).toBeInstanceOf(ArtemisError);
      expect(reason.kind).toBe('auth');
      expect(reason.status).toBe(500);
    }
    fail = false;
    await expect(tp.getToken()).resolves.toBe('good');
    expect(fetch.calls).toHaveLength(2);
  });

  it('treats an unreadable token response as an auth error without leaking it', async () => {
    const fetch = fakeFetch(() => json({ token_type: 'bearer', expires_in: 10, secretish: 'leak-me' }));
    const err = (await provider(fetch)
      .getToken()
      .catch((e: unknown) => e)) as ArtemisError;
    expect(err).toBeInstanceOf(ArtemisError);
    expect(err.kind).toBe('auth');
    expect(JSON.stringify(err)).not.toContain('leak-me');
    expect(err.message).not.toContain('leak-me');

    const notJson = fakeFetch(() => new Response('<html>', { status: 200, headers: { 'content-type': 'text/html' } }));
    await expect(provider(notJson).getToken()).rejects.toMatchObject({ kind: 'auth' });

    const badExpiry = fakeFetch(() => json({ access_token: 'x', expires_in: 'soon' }));
    await expect(provider(badExpiry).getToken()).rejects.toMatchObject({ kind: 'auth' });
  });

  it('invalidate(old) keeps a newer token; invalidate(current) drops it', async () => {
    const fetch = issuing();
    const tp = provider(fetch);
    const first = await tp.getToken();
    tp.invalidate(first);
    const second = await tp.getToken();
    expect(second).toBe('tok-2');
    tp.invalidate(first); // a stale 401 from a request that used tok-1
    expect(await tp.getToken()).toBe('tok-2');
    expect(fetch.calls).toHaveLength(2);
    tp.invalidate(second);
    expect(await tp.getToken()).toBe('tok-3');
  });

  it('reports a token request timeout as kind timeout', async () => {
    const fetch = fakeFetch(hangUntilAborted);
    await expect(provider(fetch, { timeoutMs: 20 }).getToken()).rejects.toMatchObject({ kind: 'timeout' });
  });

  it('never logs the client secret or the token', async () => {
    const fetch = fakeFetch(() => json({ access_token: 'tok-very-private', expires_in: 3600 }));
    const { logger, entries } = recordingLogger();
    const tp = createTokenProvider({ ...TEST_CONFIG, fetch, logger });
    await tp.getToken();
    expect(entries.length).toBeGreaterThan(0);
    const logged = JSON.stringify(entries);
    expect(logged).not.toContain(TEST_CONFIG.clientSecret);
    expect(logged).not.toContain('tok-very-private');
  });
});
