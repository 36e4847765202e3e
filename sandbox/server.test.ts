import { PNG } from 'pngjs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { components } from '../lib/artemis/schema';
import { SEED_CASES } from './seed';
import { startSandbox, type Sandbox } from './server';
import { seededRandom } from './state';

type CustomerDocument = components['schemas']['CustomerDocument'];
type Customer = components['schemas']['Customer'];

const DOMAIN = '4242';
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
});

afterAll(async () => {
  await sandbox.close();
});

beforeEach(async () => {
  const res = await fetch(`${sandbox.url}/__sandbox/reset`, { method: 'POST' });
  expect(res.status).toBe(204);
});

function tokenRequest(body: Record<string, string>, headers: Record<string, string> = {}) {
  return fetch(`${sandbox.url}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(body).toString(),
  });
}

async function getToken(): Promise<string> {
  const res = await tokenRequest({
    grant_type: 'client_credentials',
    client_id: 'sandbox-client',
    client_secret: 'sandbox-secret',
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { access_token: string };
  return body.access_token;
}

async function api(path: string, init: RequestInit & { token?: string; domain?: string } = {}) {
  const { token, domain, headers, ...rest } = init;
  return fetch(`${sandbox.url}${path}`, {
    ...rest,
    headers: {
      authorization: `Bearer ${token ?? (await getToken())}`,
      'x-domain-id': domain ?? DOMAIN,
      ...(rest.body ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
  });
}

function control(path: string, method = 'GET', body?: unknown) {
  return fetch(`${sandbox.url}/__sandbox${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

const docPath = (c: { customerId: number; documentId: number }) =>
  `/api/customer/${c.customerId}/document/${c.documentId}`;

describe('token endpoint', () => {
  it('issues a bearer token for the client-credentials grant', async () => {
    const res = await tokenRequest({
      grant_type: 'client_credentials',
      client_id: 'sandbox-client',
      client_secret: 'sandbox-secret',
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toEqual({
      access_token: expect.any(String),
      token_type: 'Bearer',
      expires_in: 3600,
      scope: 'read write',
    });
    expect(sandbox.state.tokens.has(body.access_token)).toBe(true);
  });

  it('accepts client credentials in HTTP Basic auth', async () => {
    const basic = Buffer.from('sandbox-client:sandbox-secret').toString('base64');
    const res = await tokenRequest({ grant_type: 'client_credentials' }, { authorization: `Basic ${basic}` });
    expect(res.status).toBe(200);
  });

  it('rejects wrong credentials with invalid_client', async () => {
    const res = await tokenRequest({
      grant_type: 'client_credentials',
      client_id: 'sandbox-client',
      client_secret: 'nope',
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: 'invalid_client' });
  });

  it('rejects a wrong or missing grant type', async () => {
    const creds = { client_id: 'sandbox-client', client_secret: 'sandbox-secret' };
    for (const body of [{ ...creds, grant_type: 'password' }, creds]) {
      const res = await tokenRequest(body);
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: 'unsupported_grant_type' });
    }
  });

  it('counts token requests', async () => {
    await getToken();
    await getToken();
    const stats = await (await control('/stats')).json();
    expect(stats).toEqual({ tokenRequests: 2, apiRequests: 0 });
  });

  it('honours a custom token lifetime', async () => {
    const other = await startSandbox({ port: 0, tokenTtlSeconds: 60, seed: 'none', clientId: 'a', clientSecret: 'b' });
    try {
      const res = await fetch(`${other.url}/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials&client_id=a&client_secret=b',
      });
      expect((await res.json()).expires_in).toBe(60);
    } finally {
      await other.close();
    }
  });
});

describe('API authentication', () => {
  it('answers 401 without a token', async () => {
    const res = await fetch(`${sandbox.url}/api/customer`, { headers: { 'x-domain-id': DOMAIN } });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: 'invalid_token' });
  });

  it('answers 401 with an unknown token', async () => {
    const res = await api('/api/customer', { token: 'made-up' });
    expect(res.status).toBe(401);
  });

  it('answers 401 once tokens are expired', async () => {
    const token = await getToken();
    expect((await api('/api/customer', { token })).status).toBe(200);
    expect((await control('/tokens/expire', 'POST')).status).toBe(204);
    const res = await api('/api/customer', { token });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: 'invalid_token' });
  });

  it('answers 403 on a wrong or missing domain', async () => {
    const token = await getToken();
    const res = await api('/api/customer', { token, domain: '1' });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ status: 403, error: 'Forbidden', message: 'Invalid domain' });
    const missing = await fetch(`${sandbox.url}/api/customer`, { headers: { authorization: `Bearer ${token}` } });
    expect(missing.status).toBe(403);
  });
});

describe('customers', () => {
  it('pages customers in Spring Data shape, sorted by id', async () => {
    const token = await getToken();
    const first = await (await api('/api/customer?page=0&size=20', { token })).json();
    expect(first).toMatchObject({
      totalElements: 30,
      totalPages: 2,
      number: 0,
      size: 20,
      numberOfElements: 20,
      first: true,
      last: false,
      empty: false,
      pageable: { pageNumber: 0, pageSize: 20, offset: 0, paged: true, unpaged: false },
      sort: { sorted: false, unsorted: true, empty: true },
    });
    const ids = first.content.map((c: Customer) => c.id);
    expect(ids[0]).toBe(1001);
    expect(ids).toEqual([...ids].sort((a: number, b: number) => a - b));

    const second = await (await api('/api/customer?page=1&size=20', { token })).json();
    expect(second).toMatchObject({ number: 1, numberOfElements: 10, first: false, last: true });
    expect(second.content[0].id).toBe(1021);

    const beyond = await (await api('/api/customer?page=5&size=20', { token })).json();
    expect(beyond).toMatchObject({ content: [], empty: true, last: true });
  });

  it('caps the page size at 100', async () => {
    const page = await (await api('/api/customer?size=500')).json();
    expect(page.size).toBe(100);
    expect(page.content).toHaveLength(30);
  });

  it('returns one customer with Java Date timestamps', async () => {
    const res = await api('/api/customer/1001');
    expect(res.status).toBe(200);
    const customer = (await res.json()) as Customer;
    expect(customer).toMatchObject({ id: 1001, type: 'INDIVIDUAL', particular: { name: 'Tan Wei Ming' } });
    expect(customer.createdAt?.time).toEqual(expect.any(Number));
    expect(customer.lastRiskAssessment).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('answers 404 for an unknown customer and 400 for a non-numeric id', async () => {
    const token = await getToken();
    const missing = await api('/api/customer/999', { token });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ status: 404, error: 'Not Found', path: '/api/customer/999' });
    expect((await api('/api/customer/abc', { token })).status).toBe(400);
  });
});

describe('documents', () => {
  it('lists a customer’s documents, [] when none, 404 for an unknown customer', async () => {
    const token = await getToken();
    const docs = (await (await api('/api/customer/1002/document', { token })).json()) as CustomerDocument[];
    expect(docs.map((d) => d.id)).toEqual([5002, 5003, 5004]);
    expect(await (await api('/api/customer/1020/document', { token })).json()).toEqual([]);
    expect((await api('/api/customer/999/document', { token })).status).toBe(404);
  });

  it('returns one document and 404 when it belongs to another customer', async () => {
    const token = await getToken();
    const res = await api(docPath(SEED_CASES.cleanPass), { token });
    expect(res.status).toBe(200);
    const doc = (await res.json()) as CustomerDocument;
    expect(doc).toMatchObject({ id: 5001, customerId: 1001, authenticity: 'ORIGINAL' });
    expect(doc.updatedAt).toMatch(/\.\d{3}Z$/);

    const wrong = await api(`/api/customer/1003/document/${SEED_CASES.cleanPass.documentId}`, { token });
    expect(wrong.status).toBe(404);
    expect((await api('/api/customer/1001/document/9999', { token })).status).toBe(404);
  });
});

describe('liveness PUT', () => {
  it('replaces the whole liveness object and bumps updatedAt strictly', async () => {
    const token = await getToken();
    const path = docPath(SEED_CASES.unknownKeys);
    const before = (await (await api(path, { token })).json()) as CustomerDocument;
    expect(before.liveness).toHaveProperty('rekognition');

    const res = await api(`${path}/liveness`, {
      token,
      method: 'PUT',
      body: JSON.stringify({ conclusion: true, facialCheck: false }),
    });
    expect(res.status).toBe(200);
    const after = (await res.json()) as CustomerDocument;
    expect(after.liveness).toEqual({ conclusion: true, facialCheck: false });
    expect(Date.parse(after.updatedAt as string)).toBeGreaterThan(Date.parse(before.updatedAt as string));
    expect(after.updatedBy?.email).toBe('api.client@sandbox.example');

    const stored = await (await control(`/customers/${SEED_CASES.unknownKeys.customerId}/documents/${SEED_CASES.unknownKeys.documentId}`)).json();
    expect(stored.liveness).toEqual({ conclusion: true, facialCheck: false });
  });

  it('keeps every field a well-behaved client sends back', async () => {
    const token = await getToken();
    const path = docPath(SEED_CASES.unknownKeys);
    const before = (await (await api(path, { token })).json()) as CustomerDocument;
    const body = { ...before.liveness, conclusion: false, facialCheck: false };
    const after = (await (await api(`${path}/liveness`, { token, method: 'PUT', body: JSON.stringify(body) })).json()) as CustomerDocument;
    expect(after.liveness).toEqual(body);
  });

  it('moves updatedAt forward by at least 1 ms for back-to-back writes', async () => {
    const token = await getToken();
    const path = `${docPath(SEED_CASES.cleanPass)}/liveness`;
    const stamps: number[] = [];
    for (let i = 0; i < 5; i++) {
      const doc = (await (await api(path, { token, method: 'PUT', body: '{"conclusion":true}' })).json()) as CustomerDocument;
      stamps.push(Date.parse(doc.updatedAt as string));
    }
    for (let i = 1; i < stamps.length; i++) expect(stamps[i]).toBeGreaterThan(stamps[i - 1] as number);
  });

  it('keeps the Java Date encoding of updatedAt', async () => {
    const token = await getToken();
    const path = docPath(SEED_CASES.javaDateUpdatedAt);
    const before = await (await api(path, { token })).json();
    expect(before.updatedAt).toMatchObject({ time: expect.any(Number), timezoneOffset: -480 });
    const after = await (await api(`${path}/liveness`, { token, method: 'PUT', body: '{}' })).json();
    expect(after.updatedAt.time).toBeGreaterThan(before.updatedAt.time);
  });

  it('rejects bodies that are not a JSON object, and answers 404 for a foreign document', async () => {
    const token = await getToken();
    const path = `${docPath(SEED_CASES.cleanPass)}/liveness`;
    for (const body of ['[1,2]', 'null', '"x"', '{oops', '{"conclusion":"yes"}']) {
      const res = await api(path, { token, method: 'PUT', body });
      expect(res.status, body).toBe(400);
      expect(await res.json()).toMatchObject({ status: 400, error: 'Bad Request' });
    }
    const foreign = await api(`/api/customer/1003/document/${SEED_CASES.cleanPass.documentId}/liveness`, {
      token,
      method: 'PUT',
      body: '{}',
    });
    expect(foreign.status).toBe(404);
  });
});

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
    expect(sandbox.state.requests.find((r) => r.method === 'PUT')?.status).toBeNull();
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
    await expect(
      api(`${path}/liveness`, { token, method: 'PUT', body: '{}', signal: AbortSignal.timeout(50) }),
    ).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await (await api(path, { token })).json()).toEqual(before);
    expect(sandbox.state.requests.find((r) => r.method === 'PUT')?.status).toBeNull();
  });
});

describe('fault controls: applyFirst, dropWrite, probability, latency range', () => {
  const livenessPath = `${docPath(SEED_CASES.cleanPass)}/liveness`;
  const stored = () => sandbox.state.documents.get(SEED_CASES.cleanPass.documentId);

  it('applyFirst makes the change, then answers the fault status', async () => {
    const token = await getToken();
    await control('/faults', 'POST', { status: 504, applyFirst: true, method: 'PUT' });
    const res = await api(livenessPath, { token, method: 'PUT', body: '{"conclusion":false}' });
    expect(res.status).toBe(504);
    expect(await res.json()).toMatchObject({ status: 504, error: 'Gateway Timeout', message: 'Injected fault' });
    expect(stored()?.liveness).toEqual({ conclusion: false });
    expect(stored()?.updatedBy?.email).toBe('api.client@sandbox.example');
    expect(sandbox.state.requests.find((r) => r.method === 'PUT')).toMatchObject({ status: 504, appliedStatus: 200 });
  });

  it('applyFirst with latency keeps the change when the client gives up before the answer', async () => {
    const token = await getToken();
    await control('/faults', 'POST', { status: 504, applyFirst: true, latencyMs: 300, method: 'PUT' });
    await expect(
      api(livenessPath, { token, method: 'PUT', body: '{"conclusion":false}', signal: AbortSignal.timeout(50) }),
    ).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(stored()?.liveness).toEqual({ conclusion: false });
    // Never answered: the client had gone, yet the write was made.
    expect(sandbox.state.requests.find((r) => r.method === 'PUT')).toMatchObject({ status: null, appliedStatus: 200 });
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
    expect(sandbox.state.faults).toEqual([]);
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
    expect(sandbox.state.faults).toEqual([]);
    expect(await run()).toEqual(first);
  });

  it('a latency range waits a uniform draw within its bounds', async () => {
    const token = await getToken();
    expect(await (await control('/latency', 'POST', { minMs: 100, maxMs: 200 })).json()).toEqual({ minMs: 100, maxMs: 200 });
    expect(await (await control('/latency')).json()).toEqual({ minMs: 100, maxMs: 200 });
    sandbox.state.random = () => 0.5;
    const started = Date.now();
    expect((await api('/api/customer/1001', { token })).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    await control('/latency', 'POST', { ms: 0 });
    expect(await (await control('/latency')).json()).toEqual({ ms: 0 });
    expect(sandbox.state.latencyRange).toBeNull();
  });

  it('reset clears the latency range and the seeded random source', async () => {
    await control('/latency', 'POST', { minMs: 5, maxMs: 10 });
    await control('/random', 'POST', { seed: 1 });
    await control('/reset', 'POST');
    expect(sandbox.state.latencyRange).toBeNull();
    expect(sandbox.state.random).toBe(Math.random);
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
    expect(sandbox.state.faults).toEqual([]);
  });
});

describe('control API', () => {
  it('touch replaces, merges, or only bumps updatedAt', async () => {
    const { customerId, documentId } = SEED_CASES.lowConfidence;
    const url = `/customers/${customerId}/documents/${documentId}`;
    const original = await (await control(url)).json();

    const bumped = await (await control(`${url}/touch`, 'POST')).json();
    expect(bumped.liveness).toEqual(original.liveness);
    expect(Date.parse(bumped.updatedAt)).toBeGreaterThan(Date.parse(original.updatedAt));

    const merged = await (await control(`${url}/touch`, 'POST', { mergeLiveness: { conclusion: false } })).json();
    expect(merged.liveness).toEqual({ ...original.liveness, conclusion: false });

    const replaced = await (await control(`${url}/touch`, 'POST', { liveness: { livenessResult: false } })).json();
    expect(replaced.liveness).toEqual({ livenessResult: false });
    expect(Date.parse(replaced.updatedAt)).toBeGreaterThan(Date.parse(merged.updatedAt));

    expect((await control('/customers/1003/documents/5001/touch', 'POST')).status).toBe(404);
  });

  it('patch merges fields into a customer or a document, keeping their ids', async () => {
    const { customerId, documentId } = SEED_CASES.cleanPass;
    const customer = await (await control(`/customers/${customerId}/patch`, 'POST', { referenceId: '<b>x</b>', id: 1 })).json();
    expect(customer).toMatchObject({ id: customerId, referenceId: '<b>x</b>' });
    const doc = await (await control(`/customers/${customerId}/documents/${documentId}/patch`, 'POST', { number: 'N"1', customerId: 9 })).json();
    expect(doc).toMatchObject({ id: documentId, customerId, number: 'N"1' });
    expect((await control(`/customers/1003/documents/${documentId}/patch`, 'POST', {})).status).toBe(404);
    expect((await control('/customers/999999/patch', 'POST', {})).status).toBe(404);
  });

  it('logs requests with lower-cased headers and parsed bodies', async () => {
    const token = await getToken();
    await api(`${docPath(SEED_CASES.cleanPass)}/liveness`, {
      token,
      method: 'PUT',
      body: JSON.stringify({ conclusion: true }),
      headers: { 'X-Request-ID': 'req-1' },
    });
    const log = await (await control('/requests')).json();
    expect(log).toHaveLength(2);
    expect(log[0]).toMatchObject({
      method: 'POST',
      path: '/oauth/token',
      status: 200,
      body: { grant_type: 'client_credentials', client_id: 'sandbox-client', client_secret: 'sandbox-secret' },
    });
    expect(log[1]).toMatchObject({
      method: 'PUT',
      path: '/api/customer/1001/document/5001/liveness',
      status: 200,
      body: { conclusion: true },
      headers: { authorization: `Bearer ${token}`, 'x-domain-id': DOMAIN, 'x-request-id': 'req-1' },
    });
    expect(Date.parse(log[1].at)).not.toBeNaN();
    expect(await (await control('/stats')).json()).toEqual({ tokenRequests: 1, apiRequests: 1 });

    expect((await control('/requests', 'DELETE')).status).toBe(204);
    expect(await (await control('/requests')).json()).toEqual([]);
    expect(await (await control('/stats')).json()).toEqual({ tokenRequests: 0, apiRequests: 0 });
  });

  it('keeps the query string in the logged path', async () => {
    await api('/api/customer?page=1&size=5');
    expect(sandbox.state.requests.at(-1)?.path).toBe('/api/customer?page=1&size=5');
  });

  it('reset restores the seed and forgets tokens', async () => {
    const token = await getToken();
    await api(`${docPath(SEED_CASES.cleanPass)}/liveness`, { token, method: 'PUT', body: '{}' });
    await control('/reset', 'POST');
    expect(sandbox.state.tokens.size).toBe(0);
    const doc = sandbox.state.documents.get(SEED_CASES.cleanPass.documentId);
    expect(doc?.liveness).toHaveProperty('liivenessConfidence', 98);
    expect(sandbox.state.requests).toEqual([]);
  });

  it('answers 404 JSON for unknown routes and 400 for bad JSON', async () => {
    const res = await fetch(`${sandbox.url}/nope`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/json');
    const bad = await fetch(`${sandbox.url}/__sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{',
    });
    expect(bad.status).toBe(400);
  });
});

describe('images', () => {
  it('serves valid PNGs referenced by http URLs', async () => {
    const doc = sandbox.state.documents.get(SEED_CASES.httpImage.documentId);
    const reference = doc?.liveness.referenceImage as string;
    expect(reference.startsWith(`${sandbox.url}/__sandbox/images/`)).toBe(true);
    const res = await fetch(reference);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    const png = PNG.sync.read(Buffer.from(await res.arrayBuffer()));
    expect([png.width, png.height]).toEqual([120, 150]);
    expect((await fetch(`${sandbox.url}/__sandbox/images/none.png`)).status).toBe(404);
  });

  it('embeds decodable PNG data URLs', () => {
    const doc = sandbox.state.documents.get(SEED_CASES.cleanPass.documentId);
    const front = doc?.front as string;
    const card = PNG.sync.read(Buffer.from(front.replace(/^data:image\/png;base64,/, ''), 'base64'));
    expect([card.width, card.height]).toEqual([240, 150]);
    const audit = JSON.parse(doc?.liveness.auditImages as string) as string[];
    expect(audit.length).toBeGreaterThanOrEqual(2);
    for (const url of audit) {
      expect(url.startsWith('data:image/png;base64,')).toBe(true);
      PNG.sync.read(Buffer.from(url.slice('data:image/png;base64,'.length), 'base64'));
    }
  });
});
