import { describe, expect, it } from 'vitest';
import { SEED_CASES } from './seed';
import { seededRandom } from './random';
import { docPath, sandboxForTests } from './test-client';

const { sandbox: current, tokenRequest, getToken, api, control } = sandboxForTests();

describe('fault injection', () => {
  it('answers the injected status for N matching calls, then normally', async () => {
    const token = await getToken();
    const created = await control('/faults', 'POST', { status: 503, count: 2, pathContains: '/api/customer/1001' });
    expect(created.status).toBe(201);

    const first = await api('/api/customer/1001', { token });
    expect(first.status).toBe(503);
    expect(await first.json()).toMatchObject({ status: 503, error: 'Service Unavailable' });
    expect((await api('/api/customer/1002', { token })).status).toBe(200);
    expect((await api('/api/customer/1001', { token })).status).toBe(503);
    expect((await api('/api/customer/1001', { token })).status).toBe(200);
  });

  it('sends a given body and headers, and matches on method', async () => {
    const token = await getToken();
    await control('/faults', 'POST', { status: 429, method: 'PUT', body: { slow: 'down' }, headers: { 'retry-after': '1' } });
    expect((await api('/api/customer/1001', { token })).status).toBe(200);
    const res = await api(`${docPath(SEED_CASES.cleanPass)}/liveness`, { token, method: 'PUT', body: '{}' });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('1');
    expect(await res.json()).toEqual({ slow: 'down' });
  });

  it('applies to the token endpoint too', async () => {
    await control('/faults', 'POST', { status: 500, pathContains: '/oauth/token' });
    const res = await tokenRequest({ grant_type: 'client_credentials', client_id: 'sandbox-client', client_secret: 'sandbox-secret' });
    expect(res.status).toBe(500);
    await getToken();
  });

  it('drops the connection on networkError without touching the data', async () => {
    const token = await getToken();
    await control('/faults', 'POST', { networkError: true, method: 'PUT' });
    const path = docPath(SEED_CASES.cleanPass);
    const before = await (await api(path, { token })).json();
    await expect(api(`${path}/liveness`, { token, method: 'PUT', body: '{}' })).rejects.toThrow();
    const after = await (await api(path, { token })).json();
    expect(after).toEqual(before);
    expect(current().state.requests.find((r) => r.method === 'PUT')?.status).toBeNull();
  });

  it('clears queued faults', async () => {
    const token = await getToken();
    await control('/faults', 'POST', { status: 500, count: 5 });
    expect((await control('/faults', 'DELETE')).status).toBe(204);
    expect((await api('/api/customer/1001', { token })).status).toBe(200);
  });

  it('rejects an invalid fault', async () => {
    expect((await control('/faults', 'POST', { status: 42 })).status).toBe(400);
    expect((await control('/faults', 'POST', { count: 3 })).status).toBe(400);
  });

  it('adds fixed latency', async () => {
    const token = await getToken();
    await control('/latency', 'POST', { ms: 120 });
    const started = Date.now();
    expect((await api('/api/customer/1001', { token })).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
    await control('/latency', 'POST', { ms: 0 });
  });

  it('does not act on a request whose client gave up during latency', async () => {
    const token = await getToken();
    await control('/faults', 'POST', { latencyMs: 300, method: 'PUT' });
    const path = docPath(SEED_CASES.cleanPass);
    const before = await (await api(path, { token })).json();
    await expect(api(`${path}/liveness`, { token, method: 'PUT', body: '{}', signal: AbortSignal.timeout(50) })).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await (await api(path, { token })).json()).toEqual(before);
    expect(current().state.requests.find((r) => r.method === 'PUT')?.status).toBeNull();
  });
});

describe('fault controls: applyFirst, dropWrite, probability, latency range', () => {
  const livenessPath = `${docPath(SEED_CASES.cleanPass)}/liveness`;
  const stored = () => current().state.documents.get(SEED_CASES.cleanPass.documentId);

  it('applyFirst makes the change, then answers the fault status', async () => {
    const token = await getToken();
    await control('/faults', 'POST', { status: 504, applyFirst: true, method: 'PUT' });
    const res = await api(livenessPath, { token, method: 'PUT', body: '{"conclusion":false}' });
    expect(res.status).toBe(504);
    expect(await res.json()).toMatchObject({ status: 504, error: 'Gateway Timeout', message: 'Injected fault' });
    expect(stored()?.liveness).toEqual({ conclusion: false });
    expect(stored()?.updatedBy?.email).toBe('api.client@sandbox.example');
    expect(current().state.requests.find((r) => r.method === 'PUT')).toMatchObject({ status: 504, appliedStatus: 200 });
  });

  it('applyFirst with latency keeps the change when the client gives up before the answer', async () => {
    const token = await getToken();
    await control('/faults', 'POST', { status: 504, applyFirst: true, latencyMs: 300, method: 'PUT' });
    await expect(api(livenessPath, { token, method: 'PUT', body: '{"conclusion":false}', signal: AbortSignal.timeout(50) })).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(stored()?.liveness).toEqual({ conclusion: false });
    // Never answered: the client had gone, yet the write was made.
    expect(current().state.requests.find((r) => r.method === 'PUT')).toMatchObject({ status: null, appliedStatus: 200 });
  });

  it('dropWrite answers 200 with the stored document and writes nothing', async () => {
    const token = await getToken();
    await control('/faults', 'POST', { dropWrite: true, count: 2 });
    // Any other request passes through as normal but uses up the fault.
    expect((await api('/api/customer/1001', { token })).status).toBe(200);
    const before = structuredClone(stored());
    const res = await api(livenessPath, { token, method: 'PUT', body: '{"conclusion":false}' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(before);
    expect(stored()).toEqual(before);
    expect(stored()?.updatedAt).toBe(before?.updatedAt);
    expect(current().state.faults).toEqual([]);
    // Validation still applies.
    await control('/faults', 'POST', { dropWrite: true });
    expect((await api(livenessPath, { token, method: 'PUT', body: '{"conclusion":"no"}' })).status).toBe(400);
  });

  it('probability hits a seeded, repeatable subset, and only hits use up count', async () => {
    const token = await getToken();
    const run = async () => {
      expect((await control('/random', 'POST', { seed: 42 })).status).toBe(200);
      await control('/faults', 'POST', { status: 503, count: 3, probability: 0.5, pathContains: '/api/customer/1001' });
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) statuses.push((await api('/api/customer/1001', { token })).status);
      return statuses;
    };
    const first = await run();
    const draws = seededRandom(42);
    let left = 3;
    const expected = first.map(() => (left > 0 && draws() < 0.5 ? (left--, 503) : 200));
    expect(first).toEqual(expected);
    expect(first.filter((s) => s === 503)).toHaveLength(3);
    expect(first.slice(0, first.lastIndexOf(503)).some((s) => s === 200)).toBe(true);
    expect(current().state.faults).toEqual([]);
    expect(await run()).toEqual(first);
  });

  it('a latency range waits a uniform draw within its bounds', async () => {
    const token = await getToken();
    expect(await (await control('/latency', 'POST', { minMs: 100, maxMs: 200 })).json()).toEqual({ minMs: 100, maxMs: 200 });
    expect(await (await control('/latency')).json()).toEqual({ minMs: 100, maxMs: 200 });
    current().state.random = () => 0.5;
    const started = Date.now();
    expect((await api('/api/customer/1001', { token })).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    await control('/latency', 'POST', { ms: 0 });
    expect(await (await control('/latency')).json()).toEqual({ ms: 0 });
    expect(current().state.latencyRange).toBeNull();
  });

  it('reset clears the latency range and the seeded random source', async () => {
    await control('/latency', 'POST', { minMs: 5, maxMs: 10 });
    await control('/random', 'POST', { seed: 1 });
    await control('/reset', 'POST');
    expect(current().state.latencyRange).toBeNull();
    expect(current().state.random).toBe(Math.random);
  });

  it('rejects invalid combinations and settings with 400', async () => {
    const faults: [object, string][] = [
      [{ applyFirst: true }, 'applyFirst needs a status'],
      [{ applyFirst: true, status: 504, networkError: true }, 'applyFirst cannot be combined with networkError'],
      [{ dropWrite: true, status: 500 }, 'dropWrite answers 200 itself'],
      [{ dropWrite: true, networkError: true }, 'dropWrite answers 200 itself'],
      [{ dropWrite: true, applyFirst: true, status: 500 }, 'dropWrite answers 200 itself'],
      [{ dropWrite: 'yes' }, 'dropWrite must be a boolean'],
      [{ status: 500, probability: 0 }, 'probability must be a number in (0, 1]'],
      [{ status: 500, probability: 1.5 }, 'probability must be a number in (0, 1]'],
      [{ probability: 0.5 }, 'a fault needs status'],
    ];
    for (const [fault, message] of faults) {
      const res = await control('/faults', 'POST', fault);
      expect(res.status, JSON.stringify(fault)).toBe(400);
      expect((await res.json()).message).toContain(message);
    }
    for (const setting of [{ minMs: 5, maxMs: 1 }, { minMs: -1, maxMs: 2 }, { minMs: 1 }, { ms: 1, minMs: 0, maxMs: 1 }, { ms: -1 }]) {
      expect((await control('/latency', 'POST', setting)).status, JSON.stringify(setting)).toBe(400);
    }
    for (const body of [{ seed: 1.5 }, { seed: '7' }, {}]) {
      expect((await control('/random', 'POST', body)).status, JSON.stringify(body)).toBe(400);
    }
    expect(current().state.faults).toEqual([]);
  });
});
