import { describe, expect, it } from 'vitest';
import type { components } from '../lib/artemis/schema';
import { SEED_CASES } from './seed';
import { startSandbox } from './server';
import { docPath, DOMAIN, sandboxForTests } from './test-client';

type CustomerDocument = components['schemas']['CustomerDocument'];
type Customer = components['schemas']['Customer'];

const { sandbox: current, tokenRequest, getToken, api, control } = sandboxForTests();

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
    expect(current().state.tokens.has(body.access_token)).toBe(true);
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
    const res = await fetch(`${current().url}/api/customer`, { headers: { 'x-domain-id': DOMAIN } });
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
    const missing = await fetch(`${current().url}/api/customer`, { headers: { authorization: `Bearer ${token}` } });
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
