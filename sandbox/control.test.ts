import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { SEED_CASES } from './seed';
import { docPath, DOMAIN, sandboxForTests } from './test-client';

const { sandbox: current, getToken, api, control } = sandboxForTests();

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
    expect(current().state.requests.at(-1)?.path).toBe('/api/customer?page=1&size=5');
  });

  it('reset restores the seed and forgets tokens', async () => {
    const token = await getToken();
    await api(`${docPath(SEED_CASES.cleanPass)}/liveness`, { token, method: 'PUT', body: '{}' });
    await control('/reset', 'POST');
    expect(current().state.tokens.size).toBe(0);
    const doc = current().state.documents.get(SEED_CASES.cleanPass.documentId);
    expect(doc?.liveness).toHaveProperty('liivenessConfidence', 98);
    expect(current().state.requests).toEqual([]);
  });

  it('answers 404 JSON for unknown routes and 400 for bad JSON', async () => {
    const res = await fetch(`${current().url}/nope`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/json');
    const bad = await fetch(`${current().url}/__sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{',
    });
    expect(bad.status).toBe(400);
  });
});

describe('images', () => {
  it('serves valid PNGs referenced by http URLs', async () => {
    const doc = current().state.documents.get(SEED_CASES.httpImage.documentId);
    const reference = doc?.liveness.referenceImage as string;
    expect(reference.startsWith(`${current().url}/__sandbox/images/`)).toBe(true);
    const res = await fetch(reference);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    const png = PNG.sync.read(Buffer.from(await res.arrayBuffer()));
    expect([png.width, png.height]).toEqual([120, 150]);
    expect((await fetch(`${current().url}/__sandbox/images/none.png`)).status).toBe(404);
  });

  it('embeds decodable PNG data URLs', () => {
    const doc = current().state.documents.get(SEED_CASES.cleanPass.documentId);
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
